// The score screen as each user first sees it (rendered on the server, as the page's first paint):
// which column is editable, the labels the e2e tests and screen readers reach the fields by, the
// buttons each step offers, and the totals and levels the pure engine computes in the browser.
import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { problemsFromFieldErrors, ScorecardEditor, type ScoreActions, type ScoringMode } from "@/components/scoring/scorecard-editor";
import messages from "@/lib/i18n/messages";
import { Points } from "@/lib/exact/ratio";
import { scorecardEditorView } from "@/lib/scoring/editor-view";
import { HD42_2025 } from "@/lib/scoring/rubrics";
import type { ColumnName, ScorecardView } from "@/lib/scoring/workflow";
import { FULL, scoreColumn, scorecardView } from "@/tests/fixtures/scorecard-view";

// The provider's children are passed as createElement's third argument (a .ts file has no JSX).
const IntlProvider = NextIntlClientProvider as (props: Omit<ComponentProps<typeof NextIntlClientProvider>, "children"> & { children?: ReactNode }) => ReactNode;

const never = async () => {
  throw new Error("not called when rendering");
};
const actions: ScoreActions = { draft: never, selfScore: never, confirm: never, finalise: never, returnScore: never };

function render(view: ScorecardView, mode: ScoringMode | null, own: Record<ColumnName, boolean> = { self: true, overseer: false, final: false }): string {
  return renderToString(
    createElement(IntlProvider, { locale: "vi", messages, timeZone: "Asia/Ho_Chi_Minh" }, createElement(ScorecardEditor, { view: scorecardEditorView(view)!, mode, own, actions })),
  );
}

/** The visible text of an element found by an attribute, e.g. the total of a column. */
function cell(html: string, testId: string): string {
  const match = new RegExp(`data-testid="${testId}"[^>]*>([^<]*)<`).exec(html);
  return match?.[1] ?? "";
}

const label = (html: string, text: string) => html.includes(`>${text}</label>`);
const button = (html: string, text: string) => new RegExp(`<button[^>]*>${text}</button>`).test(html);

describe("the branch drafting its self-score", () => {
  const draft = scorecardView(
    { self: scoreColumn({ C1: "4,5" }, { remarks: { C1: "Thiếu bước kiểm điểm" } }), overseer: null, final: null },
    { meeting: { ...scorecardView({ self: null, overseer: null, final: null }).meeting, state: "MINUTES_ADOPTED", lockedAt: null }, vote: null, card: { id: "c1", version: 1, notes: null, updatedAt: "2025-11-05T09:00:00.000Z" }, can: { draft: true, selfScore: true, confirm: false, finalise: false, returnScore: false, reopen: false } },
  );
  const html = render(draft, "draft");

  test("MANUAL criteria have a mark and a remark, prefilled from the draft; AUTO ones show their evidence", () => {
    expect(label(html, "Điểm C1")).toBe(true);
    expect(label(html, "Ghi chú C1")).toBe(true);
    expect(html).toContain('name="mark.C1"');
    expect(html).toMatch(/name="mark\.C1"[^>]*value="4,5"|value="4,5"[^>]*name="mark\.C1"/);
    expect(html).toContain("Thiếu bước kiểm điểm");
    // AUTO: no mark input, the record's evidence and the way to override it.
    expect(label(html, "Điểm T1")).toBe(false);
    expect(html).toContain("Thời lượng 100/120 phút, thiếu 20 phút → 3 điểm");
    expect(button(html, "Ghi đè T1")).toBe(true);
    // C3 applies only with a thematic part.
    expect(label(html, "Điểm C3")).toBe(false);
  });

  test("the deduction on C1 asks for its reason", () => {
    expect(html).toContain("Bắt buộc khi chấm dưới điểm tối đa: ghi rõ lý do trừ điểm.");
  });

  test("the draft buttons and the branch vote, not the overseer's or reviewer's", () => {
    expect(button(html, "Lưu nháp")).toBe(true);
    expect(button(html, "Gửi kết quả tự chấm")).toBe(true);
    for (const text of ["Số đồng chí tán thành", "Số đồng chí không tán thành", "Số đồng chí không biểu quyết"]) expect(label(html, text)).toBe(true);
    for (const text of ["Xác nhận", "Điều chỉnh", "Thẩm định", "Trả lại"]) expect(button(html, text)).toBe(false);
    expect(label(html, "Lý do")).toBe(false);
  });

  test("the running total counts the AUTO points and C1 while fourteen MANUAL criteria are still open", () => {
    // AUTO on these facts: 48 points; plus C1 4.5.
    expect(cell(html, "total-self")).toBe("52,5");
    expect(cell(html, "level-self")).toBe("Chưa xếp loại");
    expect(html).toContain("Còn 15 tiêu chí chấm tay chưa có điểm");
  });
});

describe("the overseer and the reviewer", () => {
  const self = scoreColumn(FULL, { at: "2025-11-05T09:00:00.000Z", by: { id: "u1", name: "Nguyễn Văn An" } });
  const base = scorecardView({ self: null, overseer: null, final: null });

  test("the overseer's column starts from the self-score; Xác nhận, Điều chỉnh and a Lý do", () => {
    const view = scorecardView({ self, overseer: null, final: null }, {
      meeting: { ...base.meeting, state: "SELF_SCORED", lockedAt: null },
      can: { draft: false, selfScore: false, confirm: true, finalise: false, returnScore: false, reopen: false },
    });
    const html = render(view, "confirm");
    expect(html).toMatch(/name="mark\.C1"[^>]*value="5"|value="5"[^>]*name="mark\.C1"/);
    expect(cell(html, "total-self")).toBe("95");
    expect(cell(html, "total-overseer")).toBe("95");
    expect(cell(html, "level-overseer")).toBe("Tốt");
    expect(cell(html, "total-final")).toBe("—");
    expect(button(html, "Xác nhận")).toBe(true);
    expect(button(html, "Điều chỉnh")).toBe(true);
    expect(label(html, "Lý do")).toBe(true);
    expect(button(html, "Lưu nháp")).toBe(false);
  });

  test("the reviewer may approve, adjust and finalise, or return", () => {
    const overseer = scoreColumn({ ...FULL, C2: 5 }, { at: "2025-11-10T02:00:00.000Z", reason: "Nội dung sinh hoạt còn chung chung", remarks: { C2: "Chưa sát nhiệm vụ" } });
    const view = scorecardView({ self, overseer, final: null }, {
      meeting: { ...base.meeting, state: "CONFIRMED", lockedAt: null },
      can: { draft: false, selfScore: false, confirm: false, finalise: true, returnScore: true, reopen: true },
    });
    const html = render(view, "finalise", { self: true, overseer: true, final: false });
    // The final column starts from the overseer's adjustment.
    expect(cell(html, "total-overseer")).toBe("85");
    expect(cell(html, "total-final")).toBe("85");
    expect(cell(html, "level-final")).toBe("Khá");
    expect(html).toContain("Nội dung sinh hoạt còn chung chung");
    expect(html).toContain("Chưa sát nhiệm vụ");
    for (const text of ["Thẩm định", "Điều chỉnh và thẩm định", "Trả lại"]) expect(button(html, text)).toBe(true);
    expect(button(html, "Xác nhận")).toBe(false);
  });

  test("after finalising: three read-only columns with their totals and levels", () => {
    const overseer = scoreColumn({ ...FULL, C2: 5 }, { at: "2025-11-10T02:00:00.000Z", reason: "Nội dung sinh hoạt còn chung chung" });
    const final = scoreColumn({ ...FULL, C2: 5 }, { at: "2025-11-20T03:00:00.000Z" });
    const view = scorecardView({ self, overseer, final }, { effective: { column: "final", total: 85, totalTenths: 850, level: "FAIR" } });
    const html = render(view, null, { self: true, overseer: true, final: false });
    expect(html).not.toContain('name="mark.');
    // Nothing to submit: only the fold-all control, no step button.
    expect(html).not.toMatch(/<button[^>]*type="submit"/);
    expect(button(html, "Mở tất cả nhóm")).toBe(true);
    expect([cell(html, "total-self"), cell(html, "total-overseer"), cell(html, "total-final")]).toEqual(["95", "85", "85"]);
    expect([cell(html, "level-self"), cell(html, "level-overseer"), cell(html, "level-final")]).toEqual(["Tốt", "Khá", "Khá"]);
  });

  test("a card only read sends its folded groups' headings, not the criteria folded inside (drawn when a group opens)", () => {
    const final = scoreColumn({ ...FULL, C2: 5 }, { at: "2025-11-20T03:00:00.000Z" });
    const view = scorecardView({ self, overseer: final, final }, { effective: { column: "final", total: 85, totalTenths: 850, level: "FAIR" } });
    const readOnly = render(view, null, { self: true, overseer: true, final: false });
    const criterion = HD42_2025.groups[0]!.criteria[0]!.name;
    expect(readOnly).toContain(`T. ${HD42_2025.groups[0]!.name}`);
    expect(readOnly).not.toContain(criterion);
    // While a column is edited every criterion stays in the form (the submit reads every field).
    expect(render(view, "confirm", { self: false, overseer: true, final: false })).toContain(criterion);
  });
});

describe("a phone-sized screen", () => {
  const view = scorecardView(
    { self: scoreColumn({ C1: "4,5" }), overseer: null, final: null },
    { meeting: { ...scorecardView({ self: null, overseer: null, final: null }).meeting, state: "MINUTES_ADOPTED", lockedAt: null }, vote: null, card: { id: "c1", version: 1, notes: null, updatedAt: "2025-11-05T09:00:00.000Z" }, can: { draft: true, selfScore: true, confirm: false, finalise: false, returnScore: false, reopen: false } },
  );
  const html = render(view, "draft");

  test("every group is folded behind its running subtotal, the criteria inside", () => {
    const groups = html.match(/<details(?![^>]*\bopen\b)[^>]*>\s*<summary/g) ?? [];
    expect(groups.length).toBeGreaterThanOrEqual(view.definition!.groups.length);
    expect(html).not.toMatch(/<details[^>]*\bopen=""[^>]*>\s*<summary[^>]*>\s*<span aria-hidden="true"/);
    // The T group's subtotal (AUTO T1 on 100/120 minutes: 3 of 5) is on its folded line.
    expect(cell(html, "group-total-T")).toMatch(/^3\/5$/);
  });

  test("the total and level stay in a sticky bar, and the totals table has one row per column (no wide grid)", () => {
    expect(html).toMatch(/class="sticky bottom-0/);
    expect(cell(html, "sticky-total")).toBe("52,5/100 điểm");
    expect(html).toContain("table-fixed");
    expect(html).not.toContain("min-w-[20rem]");
  });
});

describe("the list of problems after a refused step", () => {
  const manual = new Set(["C1", "C2"]);

  test("each field error becomes one line pointing at its field", () => {
    const problems = problemsFromFieldErrors(
      {
        "mark.C1": ["Chưa chấm tiêu chí C1."],
        "mark.T1": ["Ghi đè điểm tiêu chí T1 cần lý do."],
        "remarks.C2": ["Tiêu chí C2 bị trừ điểm: vui lòng ghi rõ lý do trừ điểm."],
        voteFor: ["Số phiếu phải là số nguyên từ 0 trở lên."],
        reason: ["Vui lòng ghi lý do."],
        _: ["Biểu quyết không hợp lệ."],
      },
      manual,
    );
    expect(problems).toEqual([
      { message: "Chưa chấm tiêu chí C1.", code: "C1", fieldId: "score-mark-C1" },
      { message: "Ghi đè điểm tiêu chí T1 cần lý do.", code: "T1", fieldId: "score-auto-T1" },
      { message: "Tiêu chí C2 bị trừ điểm: vui lòng ghi rõ lý do trừ điểm.", code: "C2", fieldId: "score-remark-C2" },
      { message: "Số phiếu phải là số nguyên từ 0 trở lên.", code: null, fieldId: "score-vote-for" },
      { message: "Vui lòng ghi lý do.", code: null, fieldId: "score-reason" },
      { message: "Biểu quyết không hợp lệ.", code: null, fieldId: null },
    ]);
  });

  test("four problems are four lines (not one named and three counted)", () => {
    const problems = problemsFromFieldErrors({ "mark.C1": ["a", "b"], "mark.C2": ["c"], "remark.C1": ["d"] }, manual);
    expect(problems.map((p) => p.message)).toEqual(["a", "b", "c", "d"]);
  });
});

describe("what the editor is sent (scorecardEditorView)", () => {
  const view = scorecardView(
    { self: scoreColumn({ C1: "4,5" }), overseer: scoreColumn({ C1: 4 }), final: null },
    { can: { draft: false, selfScore: false, confirm: true, finalise: false, returnScore: false, reopen: true } },
  );

  test("leaves out what only the page reads, and the columns' results (the editor scores them)", () => {
    const sent = scorecardEditorView(view)!;
    expect(Object.keys(sent.meeting).sort()).toEqual(["id", "state"]);
    expect(sent).not.toHaveProperty("rubric");
    expect(sent).not.toHaveProperty("anomalies");
    expect(sent.can).toEqual({ selfScore: false, finalise: false, returnScore: false });
    expect(sent.columns.self).not.toHaveProperty("result");
    expect(sent.columns.overseer?.marks).toEqual(view.columns.overseer?.marks);
    expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(view).length);
  });

  test("the editor shows each saved column's total as the server scored it", () => {
    const html = render(view, null);
    for (const column of ["self", "overseer"] as const) {
      expect(cell(html, `total-${column}`)).toBe(Points.format(view.columns[column]!.result.totalTenths, "vi"));
    }
  });

  test("nothing to edit without a rubric or facts", () => {
    expect(scorecardEditorView({ ...view, definition: null })).toBeNull();
  });
});
