// Twelve months of meetings for every branch of a demo tenant, so that dashboards and scoring have
// something true to show: annual plans with quarterly topics, a regular meeting every month, thematic
// or combined meetings most quarters (some quarters missed), varied attendance that honours the
// exemptions, temporary transfers and suspensions of the roster, some short meetings, some without
// minutes, speeches, resolutions whose votes follow the validity rule, tasks with their results at
// the next meeting, notices and posted documents (tiny generated PDFs). Past meetings are mostly
// MINUTES_ADOPTED (scoring comes later); those of the coming month are PLANNED or NOTIFIED.
// Pure generator: plain rows from the tenant dataset and a seeded PRNG; lib/seed/demo.ts inserts them.
import { createHash } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { Tx } from "@/lib/db/tenant";
import type {
  AttendanceStatus,
  DocumentKind,
  MeetingKind,
  MeetingState,
  TaskResult,
} from "@/lib/generated/prisma/enums";
import { voteValidity, type AttendanceEntry, type RollEntry } from "@/lib/meetings/rules";
import { bulkInsert, insertRows } from "@/lib/seed/bulk";
import { createRandom, type Random } from "@/lib/seed/random";
import { blobStore } from "@/lib/storage";
import type { IdFactory, MemberRow, OrgUnitRow, TenantDataset } from "@/lib/seed/demo-data";
import { DAY_MS, HOUR_MS, VIETNAM_OFFSET_MS } from "@/lib/time/days";
import { fill } from "@/lib/i18n/fill";
import messages from "@/lib/i18n/messages";

const BRANCH_KINDS = new Set(["GRASSROOTS_BRANCH", "BRANCH"]);

// ─── Rows ───────────────────────────────────────────────────────────────────────────────────────

export interface MeetingRow {
  tenantId: string;
  id: string;
  branchId: string;
  planId: string | null;
  kind: MeetingKind;
  hasThematicPart: boolean;
  title: string;
  topic: string | null;
  plannedStart: Date;
  plannedEnd: Date;
  place: string;
  state: MeetingState;
  stateReason: string | null;
  actualStart: Date | null;
  actualEnd: Date | null;
  chairMemberId: string | null;
  clerkMemberId: string | null;
  preparedByMemberId: string | null;
  ideologyMinutes: number | null;
  content: string | null;
  draftResolution: string | null;
  noticeSentAt: Date | null;
  noticeToOverseer: boolean;
  createdAt: Date;
}

export interface DemoMeetingDataset {
  branchDefaults: { id: string; meetingDay: number; meetingTime: string; meetingPlace: string }[];
  settings: { tenantId: string; id: string; key: string; value: string; effectiveFrom: Date }[];
  annualPlans: { tenantId: string; id: string; branchId: string; year: number; note: string | null }[];
  thematicTopics: { tenantId: string; id: string; planId: string; quarter: number; title: string; description: string | null; presenterMemberId: string | null }[];
  meetings: MeetingRow[];
  preMeetings: { tenantId: string; id: string; meetingId: string; heldAt: Date; attendees: string; notes: string; minuted: boolean }[];
  notices: { tenantId: string; id: string; meetingId: string; sentAt: Date; sentById: string; subject: string; body: string; recipientCount: number; includesOverseer: boolean }[];
  documents: {
    tenantId: string;
    id: string;
    meetingId: string;
    kind: DocumentKind;
    title: string;
    fileName: string;
    mimeType: string;
    sizeBytes: number;
    sha256: string;
    storageKey: string;
    postedAt: Date;
    postedById: string;
  }[];
  /** The bytes by storage key (written to the blob store after the insert; held meetings share a few). */
  files: Map<string, Uint8Array>;
  attendances: { tenantId: string; id: string; meetingId: string; memberId: string; status: AttendanceStatus; reason: string | null; exempt: boolean; arrivedAt: Date | null }[];
  guests: { tenantId: string; id: string; meetingId: string; name: string; title: string | null; userId: string | null }[];
  minutes: { tenantId: string; id: string; meetingId: string; opening: string; proceedings: string; closing: string; adoptedAt: Date | null }[];
  speeches: { tenantId: string; id: string; meetingId: string; memberId: string | null; speakerName: string | null; summary: string; position: number; isDiscussion: boolean }[];
  resolutions: {
    tenantId: string;
    id: string;
    meetingId: string;
    number: string;
    body: string;
    votesFor: number;
    votesAgainst: number;
    votesAbstain: number;
    voteDenominator: number;
    voteMethod: "SHOW_OF_HANDS";
    voteValid: boolean;
    adoptedAt: Date | null;
    postedAt: Date | null;
  }[];
  tasks: {
    tenantId: string;
    id: string;
    meetingId: string;
    memberId: string;
    content: string;
    deadline: Date;
    reportMeetingId: string | null;
    result: TaskResult | null;
    resultPercent: number | null;
    resultNote: string | null;
    evaluatedAt: Date | null;
  }[];
}

export interface DemoMeetingOptions {
  asOf: Date;
  newId: IdFactory;
  /** Locality for the documents' place-and-date line. */
  placeName?: string;
  seed?: number;
}

// ─── Vocabulary ─────────────────────────────────────────────────────────────────────────────────

const TOPICS = [
  ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về đạo đức công vụ", "Liên hệ trách nhiệm nêu gương của cán bộ, đảng viên trong thực thi công vụ."],
  ["Đẩy mạnh chuyển đổi số trong hoạt động của cơ quan, đơn vị", "Ứng dụng hồ sơ điện tử, chữ ký số và Sổ tay đảng viên điện tử."],
  ["Phòng, chống tham nhũng, lãng phí, tiêu cực", "Kiểm soát xung đột lợi ích; kê khai tài sản, thu nhập."],
  ["Bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác quan điểm sai trái, thù địch", "Trách nhiệm của đảng viên trên không gian mạng."],
  ["Thực hành tiết kiệm, chống lãng phí trong sử dụng ngân sách và tài sản công", "Rà soát định mức chi tiêu, sử dụng xe công, hội nghị."],
  ["Nâng cao chất lượng công tác phát triển đảng viên", "Bồi dưỡng quần chúng ưu tú, phân công đảng viên giúp đỡ."],
  ["Tự phê bình và phê bình, chống chủ nghĩa cá nhân", "Nhận diện biểu hiện suy thoái, “tự diễn biến”, “tự chuyển hóa”."],
  ["Thực hiện quy chế dân chủ ở cơ sở", "Công khai, minh bạch trong cơ quan; lắng nghe ý kiến người lao động."],
] as const;

const PLACES = ["Phòng họp tầng 2", "Hội trường cơ quan", "Phòng họp số 1", "Phòng họp giao ban", "Phòng họp tầng 3", "Nhà văn hóa khu phố"];
const TIMES = ["14:00", "14:00", "14:00", "08:00", "15:00", "16:00", "07:30", "19:30"];
const EXCUSE_REASONS = ["Đi công tác theo quyết định của cơ quan", "Ốm, có giấy nghỉ ốm", "Nghỉ phép năm", "Việc gia đình đột xuất", "Đi học tập trung ngắn hạn", "Trực cơ quan"];
const MONTH_WORK = [
  "triển khai kế hoạch công tác năm",
  "tổng kết công tác quý và xây dựng kế hoạch quý tiếp theo",
  "thực hiện các chỉ tiêu chuyên môn được giao",
  "cải cách hành chính, rút ngắn thời gian giải quyết hồ sơ",
  "chuẩn bị số liệu phục vụ báo cáo sơ kết",
  "rà soát, hoàn thiện các văn bản hướng dẫn nghiệp vụ",
];
const SPEECH_SUMMARIES = [
  "Thống nhất với báo cáo của chi ủy; đề nghị phân công cụ thể người, việc, thời hạn.",
  "Đề nghị tăng cường phối hợp giữa các bộ phận để bảo đảm tiến độ công việc.",
  "Nêu khó khăn về nhân lực trong tháng, đề xuất bố trí hợp lý khối lượng công việc.",
  "Đề nghị chi bộ quan tâm hơn đến việc bồi dưỡng quần chúng ưu tú.",
  "Góp ý dự thảo nghị quyết: bổ sung chỉ tiêu về cải cách hành chính.",
  "Tự phê bình việc chậm hoàn thành nhiệm vụ được giao tháng trước, cam kết khắc phục.",
  "Phản ánh tư tưởng, dư luận trong cơ quan về chế độ, chính sách; đề nghị thông tin kịp thời.",
  "Đề xuất đưa nội dung chuyển đổi số vào chương trình công tác tháng tới.",
  "Biểu dương đồng chí trong tổ đã hoàn thành tốt nhiệm vụ đột xuất.",
  "Đề nghị tiếp tục thực hiện nghiêm quy định về nêu gương của đảng viên.",
];
const TASKS = [
  "Hoàn thành báo cáo chuyên môn tháng và gửi chi ủy",
  "Chủ trì rà soát hồ sơ, thủ tục còn tồn đọng",
  "Giúp đỡ quần chúng ưu tú hoàn thiện hồ sơ đề nghị kết nạp",
  "Chuẩn bị nội dung sinh hoạt chuyên đề quý",
  "Theo dõi, đôn đốc thu nộp đảng phí",
  "Tổng hợp ý kiến đóng góp dự thảo văn bản của cấp trên",
  "Cập nhật thông tin đảng viên trên Sổ tay đảng viên điện tử",
  "Phối hợp với công đoàn tổ chức hoạt động của cơ quan",
];
const RESULT_NOTES: Record<TaskResult, string[]> = {
  DONE: ["Hoàn thành đúng hạn.", "Hoàn thành, chất lượng tốt.", "Đã hoàn thành và báo cáo chi ủy."],
  PARTLY: ["Còn một số nội dung chuyển sang tháng sau.", "Chậm tiến độ do khối lượng công việc lớn."],
  NOT_DONE: ["Chưa thực hiện do đi công tác dài ngày.", "Chưa hoàn thành, đề nghị gia hạn."],
};

// ─── Helpers ────────────────────────────────────────────────────────────────────────────────────

/** Local time in Vietnam on a calendar day (UTC midnight) → the instant. */
function vietnamInstant(day: Date, time: string): Date {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(day.getTime() + h * HOUR_MS + m * 60_000 - VIETNAM_OFFSET_MS);
}

function vietnamDay(instant: Date): Date {
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
}

function covers(period: { fromDate: Date; toDate: Date | null }, day: Date): boolean {
  return period.fromDate.getTime() <= day.getTime() && (period.toDate === null || period.toDate.getTime() >= day.getTime());
}

/** The meeting titles a generated plan gives (lib/meetings/plans.ts), from the catalog. */
const TITLES = messages.meetingsServer.plans.titles;

/** A minimal one-page PDF with an ASCII title (readers show it; the size is realistic enough). */
export function tinyPdf(title: string): Uint8Array {
  const text = title.normalize("NFD").replace(/\p{M}+/gu, "").replace(/[đĐ]/g, "d").replace(/[^\x20-\x7e]/g, "?").replace(/[()\\]/g, "");
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
  ];
  const stream = `BT /F1 14 Tf 72 770 Td (${text.slice(0, 90)}) Tj ET`;
  objects.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

// ─── Generation ─────────────────────────────────────────────────────────────────────────────────

interface BranchContext {
  unit: OrgUnitRow;
  meetingDay: number;
  meetingTime: string;
  place: string;
  /** 0.8–1: how reliably members attend (some branches are weaker). */
  engagement: number;
  /** Branch that tends to skip thematic meetings. */
  weakThematic: boolean;
  secretary: MemberRow | null;
  deputy: MemberRow | null;
  sender: string;
  planIds: Map<number, string>;
  topics: Map<string, { title: string; description: string }>;
  resolutionSeq: Map<number, number>;
}

export function generateDemoMeetings(data: TenantDataset, options: DemoMeetingOptions): DemoMeetingDataset {
  const random: Random = createRandom(options.seed ?? 20_261_105);
  const { newId } = options;
  const tenantId = data.tenant.id;
  const asOf = options.asOf;
  const now = new Date(asOf.getTime() + 10 * HOUR_MS); // the seed runs "during the day" of asOf
  const out: DemoMeetingDataset = {
    branchDefaults: [],
    settings: [],
    annualPlans: [],
    thematicTopics: [],
    meetings: [],
    preMeetings: [],
    notices: [],
    documents: [],
    files: new Map(),
    attendances: [],
    guests: [],
    minutes: [],
    speeches: [],
    resolutions: [],
    tasks: [],
  };
  if (options.placeName) {
    out.settings.push({ tenantId, id: newId(), key: "documents.placeName", value: options.placeName, effectiveFrom: new Date(Date.UTC(2020, 0, 1)) });
  }

  const membersById = new Map(data.members.map((m) => [m.id, m]));
  const membershipsByBranch = new Map<string, typeof data.branchMemberships>();
  for (const row of data.branchMemberships) {
    const list = membershipsByBranch.get(row.branchId) ?? [];
    list.push(row);
    membershipsByBranch.set(row.branchId, list);
  }
  const byMember = <T extends { memberId: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(row.memberId, [...(map.get(row.memberId) ?? []), row]);
    return map;
  };
  const exemptions = byMember(data.exemptions);
  const transfers = byMember(data.temporaryTransfers);
  const suspensions = byMember(data.suspensions);
  const admin = data.users.find((u) => u.id === data.adminUserId);
  const fallbackSender = admin?.id ?? data.users[0]?.id ?? "";
  // A demo account that records a branch sends that branch's notices; the administrator the others'.
  const recorderByBranch = new Map(data.roleGrants.filter((g) => g.role === "RECORDER").map((g) => [g.orgUnitId, g.userId]));
  const overseerGrant = data.roleGrants.find((g) => g.role === "OVERSEER");
  const overseerUser = overseerGrant ? data.users.find((u) => u.id === overseerGrant.userId) : undefined;
  const overseerUnit = overseerGrant ? data.orgUnits.find((u) => u.id === overseerGrant.orgUnitId) : undefined;
  // A few members who keep missing meetings: one with an excused streak, one heading to the 3-month rule.
  const troubled = new Map<string, "excused" | "unexcused">();
  // Members behind demo accounts keep an ordinary record, so walkthroughs start from a clean slate.
  const accountMembers = new Set(data.users.map((u) => u.memberId).filter((id): id is string => id !== null));

  const sharedKeys = new Map<DocumentKind, string>();
  const sharedKey = (kind: DocumentKind): string => {
    let key = sharedKeys.get(kind);
    if (!key) {
      key = `${tenantId}/${newId()}`;
      sharedKeys.set(kind, key);
    }
    return key;
  };

  const positionHolder = (unitId: string, kind: string): MemberRow | null => {
    const position = data.positions.find((p) => p.orgUnitId === unitId && p.kind === kind);
    return position ? (membersById.get(position.memberId) ?? null) : null;
  };

  const branches: BranchContext[] = data.orgUnits
    .filter((unit) => BRANCH_KINDS.has(unit.kind))
    .map((unit) => ({
      unit,
      meetingDay: random.pick([3, 5, 5, 5, 6, 8, 10, 12, 15]),
      meetingTime: random.pick(TIMES),
      place: random.pick(PLACES),
      engagement: random.chance(0.2) ? 0.8 + random.next() * 0.08 : 0.9 + random.next() * 0.08,
      weakThematic: random.chance(0.2),
      secretary: positionHolder(unit.id, "SECRETARY"),
      deputy: positionHolder(unit.id, "DEPUTY_SECRETARY"),
      sender: recorderByBranch.get(unit.id) ?? fallbackSender,
      planIds: new Map(),
      topics: new Map(),
      resolutionSeq: new Map(),
    }));
  for (const branch of branches) {
    out.branchDefaults.push({ id: branch.unit.id, meetingDay: branch.meetingDay, meetingTime: branch.meetingTime, meetingPlace: branch.place });
  }

  // The window: the 12 months before the current one, the current one and the next.
  const firstMonth = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() - 12, 1));
  const months = Array.from({ length: 14 }, (_, i) => new Date(Date.UTC(firstMonth.getUTCFullYear(), firstMonth.getUTCMonth() + i, 1)));
  const horizon = new Date(Date.UTC(asOf.getUTCFullYear(), asOf.getUTCMonth() + 2, 1));

  for (const branch of branches) {
    const roster = (membershipsByBranch.get(branch.unit.id) ?? []).map((m) => ({ ...m, member: membersById.get(m.memberId)! }));
    if (roster.length === 0) continue;
    // One or two members of larger branches with a pattern worth flagging.
    const candidates = roster.filter((m) => m.member.id !== branch.secretary?.id && !accountMembers.has(m.member.id));
    if (roster.length >= 12 && candidates.length > 0 && random.chance(0.35)) {
      const pick = random.pick(candidates);
      troubled.set(pick.member.id, random.chance(0.6) ? "excused" : "unexcused");
    }

    const planFor = (year: number): string => {
      let id = branch.planIds.get(year);
      if (!id) {
        id = newId();
        branch.planIds.set(year, id);
        out.annualPlans.push({ tenantId, id, branchId: branch.unit.id, year, note: `Kế hoạch sinh hoạt chi bộ năm ${year}` });
        const chosen = random.shuffle(TOPICS).slice(0, 4);
        chosen.forEach(([title, description], index) => {
          const presenter = roster.length > 0 ? random.pick(roster).member : null;
          out.thematicTopics.push({ tenantId, id: newId(), planId: id!, quarter: index + 1, title, description, presenterMemberId: presenter?.id ?? null });
          branch.topics.set(`${year}-${index + 1}`, { title, description });
        });
      }
      return id;
    };

    type Slot = { kind: MeetingKind; start: Date; title: string; topic: string | null };
    const slots: Slot[] = [];
    const quarterThematic = new Map<string, boolean>();
    for (const month of months) {
      const year = month.getUTCFullYear();
      const monthIndex = month.getUTCMonth();
      const quarter = Math.floor(monthIndex / 3) + 1;
      const day = new Date(Date.UTC(year, monthIndex, branch.meetingDay));
      if (day.getTime() < branch.unit.activeFrom.getTime()) continue;
      const start = vietnamInstant(day, branch.meetingTime);
      if (start.getTime() >= horizon.getTime()) continue;
      const qKey = `${year}-${quarter}`;
      const topic = branch.topics.get(qKey)?.title ?? null;
      planFor(year);
      const values = { month: monthIndex + 1, year, quarter };
      // The thematic part of the quarter: its middle month, as a COMBINED meeting or a separate one;
      // weak branches (and a few others) miss some quarters.
      const isThematicMonth = monthIndex % 3 === 1;
      const missed = isThematicMonth && random.chance(branch.weakThematic ? 0.5 : 0.08);
      if (isThematicMonth && !missed && !quarterThematic.get(qKey)) {
        quarterThematic.set(qKey, true);
        if (random.chance(0.55)) {
          slots.push({ kind: "COMBINED", start, title: fill(TITLES.COMBINED, values), topic: branch.topics.get(qKey)?.title ?? topic });
          continue;
        }
        const thematicDay = new Date(Date.UTC(year, monthIndex, Math.min(branch.meetingDay + 14, 28)));
        slots.push({ kind: "THEMATIC", start: vietnamInstant(thematicDay, branch.meetingTime), title: fill(TITLES.THEMATIC, values), topic: branch.topics.get(qKey)?.title ?? topic });
      }
      slots.push({ kind: "REGULAR", start, title: fill(TITLES.REGULAR, values), topic: null });
      if (random.chance(0.02)) {
        const extraDay = new Date(Date.UTC(year, monthIndex, Math.min(branch.meetingDay + 9, 28)));
        slots.push({ kind: "EXTRAORDINARY", start: vietnamInstant(extraDay, "16:00"), title: `Sinh hoạt chi bộ đột xuất tháng ${monthIndex + 1}/${year}`, topic: "Triển khai nhiệm vụ đột xuất của cấp trên" });
      }
    }
    slots.sort((a, b) => a.start.getTime() - b.start.getTime());

    const branchMeetings: { row: MeetingRow; presentIds: string[]; resolved: boolean }[] = [];
    for (const slot of slots) {
      branchMeetings.push(buildMeeting(slot, branch));
    }
    // Tasks are reported at the branch's next monthly meeting; results once that one is held.
    const monthly = branchMeetings.filter((m) => (m.row.kind === "REGULAR" || m.row.kind === "COMBINED") && m.row.state !== "CANCELLED");
    for (const [index, meeting] of monthly.entries()) {
      if (!meeting.resolved || meeting.presentIds.length === 0) continue;
      const next = monthly[index + 1];
      const count = random.int(1, Math.min(3, meeting.presentIds.length));
      for (const memberId of random.shuffle(meeting.presentIds).slice(0, count)) {
        const evaluated = next && (next.row.state === "MINUTES_ADOPTED" || next.row.state === "HELD");
        const result: TaskResult | null = evaluated ? random.weighted<TaskResult>([["DONE", 70], ["PARTLY", 20], ["NOT_DONE", 10]]) : null;
        out.tasks.push({
          tenantId,
          id: newId(),
          meetingId: meeting.row.id,
          memberId,
          content: random.pick(TASKS),
          // Due a couple of days before the meeting that hears the report (or four weeks on).
          deadline: vietnamDay(next ? new Date(next.row.plannedStart.getTime() - 2 * DAY_MS) : new Date(meeting.row.plannedStart.getTime() + 28 * DAY_MS)),
          reportMeetingId: next?.row.id ?? null,
          result,
          resultPercent: result === "DONE" ? 100 : result === "PARTLY" ? random.pick([40, 50, 60, 70, 80, 90]) : result === "NOT_DONE" ? 0 : null,
          resultNote: result ? random.pick(RESULT_NOTES[result]) : null,
          evaluatedAt: result && next?.row.actualEnd ? next.row.actualEnd : null,
        });
      }
    }
  }
  return out;


  function buildMeeting(
    slot: { kind: MeetingKind; start: Date; title: string; topic: string | null },
    branch: BranchContext,
  ): { row: MeetingRow; presentIds: string[]; resolved: boolean } {
    const day = vietnamDay(slot.start);
    const year = day.getUTCFullYear();
    const past = slot.start.getTime() < now.getTime();
    const longKind = slot.kind === "COMBINED";
    const plannedMinutes = longKind ? 150 : 120;
    const id = newId();
    let state: MeetingState;
    let stateReason: string | null = null;
    if (past) {
      const roll = random.next();
      if (roll < 0.025) {
        state = "CANCELLED";
        stateReason = "Trùng lịch hội nghị của cấp trên; nội dung chuyển sang kỳ sau.";
      } else if (roll < 0.09 && slot.start.getTime() > now.getTime() - 75 * DAY_MS) {
        state = "HELD"; // held recently, minutes not yet adopted
      } else if (roll < 0.13) {
        state = "HELD"; // the minutes were never written up
      } else {
        state = "MINUTES_ADOPTED";
      }
    } else {
      const leadDays = (slot.start.getTime() - now.getTime()) / DAY_MS;
      state = leadDays <= 6 && random.chance(0.8) ? "NOTIFIED" : "PLANNED";
    }
    const held = state === "HELD" || state === "MINUTES_ADOPTED";
    const notified = held || state === "NOTIFIED";

    // Who is on the roll that day, and how each was marked.
    const ownRows = (membershipsByBranch.get(branch.unit.id) ?? [])
      .filter((m) => m.validFrom.getTime() <= day.getTime() && (m.validTo === null || m.validTo.getTime() >= day.getTime()))
      .map((m) => membersById.get(m.memberId)!)
      .filter((m) => m.admittedOn.getTime() <= day.getTime());
    // Members of other branches attached here for the day are on this roll (branchRosterOn), marked like the others.
    const ownIds = new Set(ownRows.map((m) => m.id));
    const rollRows = [
      ...ownRows,
      ...data.temporaryTransfers
        .filter((t) => t.hostBranchId === branch.unit.id && covers(t, day) && !ownIds.has(t.memberId))
        .map((t) => membersById.get(t.memberId)!)
        .filter((m) => m.admittedOn.getTime() <= day.getTime()),
    ];
    const roll: RollEntry[] = rollRows.map((m) => ({
      memberId: m.id,
      status: m.officialOn && m.officialOn.getTime() <= day.getTime() ? "OFFICIAL" : "PROBATIONARY",
      exempt: (exemptions.get(m.id) ?? []).some((p) => covers(p, day)),
      suspended: (suspensions.get(m.id) ?? []).some((p) => covers(p, day)),
      attachedElsewhere: (transfers.get(m.id) ?? []).some((p) => p.hostBranchId !== branch.unit.id && covers(p, day)),
    }));
    const marks: AttendanceEntry[] = [];
    const reasons = new Map<string, string>();
    const exemptPresent = new Set<string>();
    const short = held && random.chance(0.12);
    if (held) {
      for (const entry of roll) {
        if (entry.suspended) continue;
        if (entry.attachedElsewhere) {
          marks.push({ memberId: entry.memberId, mark: "ELSEWHERE" });
          continue;
        }
        if (entry.exempt) {
          const attends = random.chance(0.12);
          if (attends) exemptPresent.add(entry.memberId);
          marks.push({ memberId: entry.memberId, mark: attends ? "PRESENT" : "EXEMPT" });
          continue;
        }
        const pattern = troubled.get(entry.memberId);
        let mark: AttendanceStatus;
        if (entry.memberId === branch.secretary?.id) mark = "PRESENT";
        else if (pattern === "excused" && day.getUTCMonth() >= 4 && day.getUTCMonth() <= 8) mark = "ABSENT_EXCUSED";
        else if (pattern === "unexcused" && day.getUTCFullYear() === asOf.getUTCFullYear() && [2, 5, 8].includes(day.getUTCMonth())) mark = "ABSENT_UNEXCUSED";
        else {
          const p = branch.engagement;
          // Special duty exists only in the armed forces.
          const specialDuty = branch.unit.category === "ARMED_FORCES" ? 0.04 : 0;
          mark = random.weighted<AttendanceStatus>([
            ["PRESENT", p],
            ["ABSENT_EXCUSED", (1 - p) * (0.9 - specialDuty)],
            ["ABSENT_UNEXCUSED", (1 - p) * 0.1],
            ["SPECIAL_DUTY", (1 - p) * specialDuty],
          ]);
        }
        if (mark === "ABSENT_EXCUSED") reasons.set(entry.memberId, random.pick(EXCUSE_REASONS));
        marks.push({ memberId: entry.memberId, mark });
      }
    }
    const presentIds = marks.filter((m) => m.mark === "PRESENT").map((m) => m.memberId);
    const presentOfficials = presentIds.filter((mid) => roll.find((r) => r.memberId === mid)?.status === "OFFICIAL");

    const chair = branch.secretary && presentIds.includes(branch.secretary.id) ? branch.secretary : presentIds[0] ? membersById.get(presentIds[0])! : null;
    const clerkCandidates = presentIds.filter((mid) => mid !== chair?.id);
    const clerk = branch.deputy && clerkCandidates.includes(branch.deputy.id) ? branch.deputy : clerkCandidates[0] ? membersById.get(clerkCandidates[0])! : null;
    const actualStart = held ? new Date(slot.start.getTime() + random.int(0, 12) * 60_000) : null;
    const duration = short ? random.int(50, 85) : longKind ? random.int(120, 160) : random.int(92, 135);
    const actualEnd = actualStart ? new Date(actualStart.getTime() + duration * 60_000) : null;
    const monthWork = random.pick(MONTH_WORK);
    const content = `Đánh giá kết quả thực hiện nghị quyết tháng trước; ${monthWork}; sinh hoạt tư tưởng, phê bình và tự phê bình.`;

    const row: MeetingRow = {
      tenantId,
      id,
      branchId: branch.unit.id,
      planId: branch.planIds.get(year) ?? null,
      kind: slot.kind,
      hasThematicPart: slot.kind !== "REGULAR" && slot.kind !== "EXTRAORDINARY",
      title: slot.title,
      topic: slot.topic,
      plannedStart: slot.start,
      plannedEnd: new Date(slot.start.getTime() + plannedMinutes * 60_000),
      place: branch.place,
      state,
      stateReason,
      actualStart,
      actualEnd,
      chairMemberId: held ? (chair?.id ?? null) : null,
      clerkMemberId: held ? (clerk?.id ?? null) : null,
      preparedByMemberId: branch.secretary?.id ?? null,
      ideologyMinutes: held ? (short ? random.int(5, 12) : random.int(15, 30)) : null,
      content: past || notified || random.chance(0.5) ? content : null,
      draftResolution: notified ? "Dự thảo nghị quyết tháng: tập trung thực hiện các nhiệm vụ trọng tâm, phân công đảng viên phụ trách." : null,
      noticeSentAt: null,
      noticeToOverseer: false,
      createdAt: new Date(slot.start.getTime() - random.int(20, 60) * DAY_MS),
    };
    out.meetings.push(row);
    if (state === "CANCELLED") return { row, presentIds: [], resolved: false };

    // Preparation: the chi ủy meeting, the notice, the documents.
    if (notified) {
      out.preMeetings.push({
        tenantId,
        id: newId(),
        meetingId: id,
        heldAt: new Date(slot.start.getTime() - random.int(3, 7) * DAY_MS),
        attendees: branch.unit.hasCommittee ? "Các đồng chí chi ủy viên" : "Bí thư, phó bí thư chi bộ",
        notes: `Thống nhất nội dung sinh hoạt: ${monthWork}; phân công chuẩn bị dự thảo nghị quyết.`,
        minuted: random.chance(0.85),
      });
      const sentAt = new Date(slot.start.getTime() - random.int(2, 6) * DAY_MS - random.int(0, 8) * HOUR_MS);
      const includesOverseer = random.chance(0.85);
      row.noticeSentAt = sentAt;
      row.noticeToOverseer = includesOverseer;
      out.notices.push({
        tenantId,
        id: newId(),
        meetingId: id,
        sentAt,
        sentById: branch.sender,
        subject: `Thông báo ${slot.title.charAt(0).toLowerCase()}${slot.title.slice(1)}`,
        body: `Kính mời các đồng chí đảng viên dự ${slot.title.toLowerCase()} vào lúc ${branch.meetingTime} tại ${branch.place}. Nội dung: ${content}`,
        recipientCount: roll.filter((r) => !r.suspended).length,
        includesOverseer,
      });
      if (random.chance(0.75)) {
        // Mostly a day or more ahead (the P5 rule); sometimes late.
        const lead = random.chance(0.8) ? random.int(26, 96) : random.int(2, 20);
        const docs: [DocumentKind, string][] = [["DRAFT_RESOLUTION", "Dự thảo nghị quyết"]];
        if (random.chance(0.6)) docs.unshift(["CONTENT", "Báo cáo kết quả công tác tháng"]);
        if (slot.kind !== "REGULAR" && slot.topic) docs.push(["THEMATIC_MATERIAL", `Tài liệu chuyên đề: ${slot.topic}`]);
        for (const [kind, title] of docs) {
          // Papers of meetings already held can no longer be deleted, so they share one sample file
          // per kind (a few files per seed instead of a thousand); coming meetings get their own.
          const own = state === "PLANNED" || state === "NOTIFIED";
          const storageKey = own ? `${tenantId}/${newId()}` : sharedKey(kind);
          const bytes = out.files.get(storageKey) ?? tinyPdf(own ? `${title} - ${slot.title}` : `${title} (tai lieu mau)`);
          out.files.set(storageKey, bytes);
          out.documents.push({
            tenantId,
            id: newId(),
            meetingId: id,
            kind,
            title,
            fileName: `${kind === "DRAFT_RESOLUTION" ? "du-thao-nghi-quyet" : kind === "CONTENT" ? "bao-cao-thang" : "tai-lieu-chuyen-de"}-${day.toISOString().slice(0, 10)}.pdf`,
            mimeType: "application/pdf",
            sizeBytes: bytes.length,
            sha256: createHash("sha256").update(bytes).digest("hex"),
            storageKey,
            postedAt: new Date(slot.start.getTime() - lead * HOUR_MS),
            postedById: branch.sender,
          });
        }
      }
    }
    if (!held) return { row, presentIds, resolved: false };

    for (const mark of marks) {
      out.attendances.push({
        tenantId,
        id: newId(),
        meetingId: id,
        memberId: mark.memberId,
        status: mark.mark,
        reason: reasons.get(mark.memberId) ?? (mark.mark === "SPECIAL_DUTY" ? "Làm nhiệm vụ đặc biệt theo lệnh" : null),
        exempt: exemptPresent.has(mark.memberId),
        arrivedAt: null,
      });
    }
    // The overseer attends some meetings of the branches they follow.
    if (overseerUser && overseerUnit && branch.unit.path.startsWith(overseerUnit.path) && random.chance(0.3)) {
      out.guests.push({ tenantId, id: newId(), meetingId: id, name: overseerUser.displayName, title: `Cấp ủy viên ${overseerUnit.name}, theo dõi chi bộ`, userId: overseerUser.id });
    }

    const withRecord = state === "MINUTES_ADOPTED" || random.chance(0.5);
    if (!withRecord) return { row, presentIds, resolved: false };
    out.minutes.push({
      tenantId,
      id: newId(),
      meetingId: id,
      opening: `Đồng chí ${chair?.fullName ?? "chủ trì"} nêu mục đích, yêu cầu buổi sinh hoạt; cử đồng chí ${clerk?.fullName ?? "…"} làm thư ký; điểm danh đảng viên; thông báo tình hình thu nộp đảng phí; thông qua chương trình.`,
      proceedings:
        `Đồng chí bí thư trình bày báo cáo đánh giá kết quả thực hiện nghị quyết tháng trước và phương hướng nhiệm vụ tháng tới, tập trung ${monthWork}.` +
        (slot.topic ? `\nSinh hoạt chuyên đề: ${slot.topic}.` : "") +
        "\nChi bộ thảo luận, tự phê bình và phê bình; đánh giá việc thực hiện nhiệm vụ của từng đảng viên.",
      closing: "Chủ trì tiếp thu ý kiến, kết luận; chi bộ biểu quyết thông qua nghị quyết; thư ký đọc lại biên bản, chi bộ nhất trí thông qua.",
      adoptedAt: state === "MINUTES_ADOPTED" ? actualEnd : null,
    });
    let position = 1;
    if (chair) {
      out.speeches.push({ tenantId, id: newId(), meetingId: id, memberId: chair.id, speakerName: null, summary: "Báo cáo kết quả tháng và phương hướng nhiệm vụ tháng tới.", position: position++, isDiscussion: false });
    }
    const speakerCount = Math.min(presentIds.length, short ? random.int(1, 3) : random.int(2, Math.max(2, Math.ceil(presentIds.length * 0.6))));
    for (const memberId of random.shuffle(presentIds.filter((mid) => mid !== chair?.id)).slice(0, speakerCount)) {
      out.speeches.push({ tenantId, id: newId(), meetingId: id, memberId, speakerName: null, summary: random.pick(SPEECH_SUMMARIES), position: position++, isDiscussion: true });
    }
    // The vote follows the validity rule of SPEC §4 (only official members present vote).
    const against = presentOfficials.length > 6 && random.chance(0.15) ? 1 : 0;
    const abstain = presentOfficials.length > 8 && random.chance(0.1) ? 1 : 0;
    const tally = { for: presentOfficials.length - against - abstain, against, abstain };
    const vote = voteValidity(roll, marks, tally);
    if (!vote.ok) return { row, presentIds, resolved: false };
    const seq = (branch.resolutionSeq.get(year) ?? 0) + 1;
    branch.resolutionSeq.set(year, seq);
    out.resolutions.push({
      tenantId,
      id: newId(),
      meetingId: id,
      number: `${String(seq).padStart(2, "0")}-NQ/CB`,
      body: `1. Tập trung ${monthWork}, bảo đảm tiến độ và chất lượng.\n2. Mỗi đảng viên thực hiện tốt nhiệm vụ được phân công, gương mẫu chấp hành kỷ luật, kỷ cương.\n3. Chi ủy theo dõi, đôn đốc; báo cáo kết quả tại kỳ sinh hoạt tháng sau.`,
      votesFor: tally.for,
      votesAgainst: tally.against,
      votesAbstain: tally.abstain,
      voteDenominator: vote.value.denominator.value,
      voteMethod: "SHOW_OF_HANDS",
      voteValid: vote.value.valid,
      adoptedAt: state === "MINUTES_ADOPTED" ? actualEnd : null,
      postedAt: state === "MINUTES_ADOPTED" && actualEnd ? new Date(actualEnd.getTime() + random.int(2, 70) * HOUR_MS) : null,
    });
    return { row, presentIds, resolved: true };
  }
}

// ─── Insert ─────────────────────────────────────────────────────────────────────────────────────

/** Inserts the generated rows in the tenant transaction (parents first), and the branches' defaults. */
export async function insertDemoMeetings(tx: Tx, data: DemoMeetingDataset): Promise<Record<string, number>> {
  const stamp = new Date();
  await insertRows(tx, "Setting", data.settings);
  if (data.branchDefaults.length > 0) {
    await tx.$executeRaw`
      UPDATE "OrgUnit" AS u SET "meetingDay" = d.day, "meetingTime" = d.time, "meetingPlace" = d.place
      FROM unnest(${data.branchDefaults.map((b) => b.id)}::uuid[], ${data.branchDefaults.map((b) => b.meetingDay)}::int[],
                  ${data.branchDefaults.map((b) => b.meetingTime)}::text[], ${data.branchDefaults.map((b) => b.meetingPlace)}::text[]) AS d(id, day, time, place)
      WHERE u."id" = d.id`;
  }
  await insertRows(tx, "AnnualPlan", data.annualPlans, { updatedAt: stamp });
  await insertRows(tx, "ThematicTopic", data.thematicTopics);
  await bulkInsert(
    tx,
    "Meeting",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["branchId", "uuid"], ["planId", "uuid"], ["kind", '"MeetingKind"'],
      ["hasThematicPart", "boolean"], ["title", "text"], ["topic", "text"], ["plannedStart", "timestamptz"],
      ["plannedEnd", "timestamptz"], ["place", "text"], ["state", '"MeetingState"'], ["stateReason", "text"],
      ["actualStart", "timestamptz"], ["actualEnd", "timestamptz"], ["chairMemberId", "uuid"], ["clerkMemberId", "uuid"],
      ["preparedByMemberId", "uuid"], ["ideologyMinutes", "int"], ["content", "text"], ["draftResolution", "text"],
      ["noticeSentAt", "timestamptz"], ["noticeToOverseer", "boolean"], ["createdAt", "timestamptz"], ["updatedAt", "timestamptz"],
    ],
    data.meetings.map((m) => ({ ...m, updatedAt: m.actualEnd ?? m.noticeSentAt ?? m.createdAt })),
  );
  await bulkInsert(
    tx,
    "PreMeeting",
    [["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["heldAt", "timestamptz"], ["attendees", "text"], ["notes", "text"], ["minuted", "boolean"]],
    data.preMeetings,
  );
  await bulkInsert(
    tx,
    "Notice",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["sentAt", "timestamptz"], ["sentById", "uuid"], ["subject", "text"],
      ["body", "text"], ["recipientCount", "int"], ["includesOverseer", "boolean"],
    ],
    data.notices,
  );
  await bulkInsert(
    tx,
    "MeetingDocument",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["kind", '"DocumentKind"'], ["title", "text"], ["fileName", "text"],
      ["mimeType", "text"], ["sizeBytes", "int"], ["sha256", "text"], ["storageKey", "text"], ["postedAt", "timestamptz"], ["postedById", "uuid"],
    ],
    data.documents,
  );
  await bulkInsert(
    tx,
    "Attendance",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["memberId", "uuid"], ["status", '"AttendanceStatus"'],
      ["reason", "text"], ["exempt", "boolean"], ["arrivedAt", "timestamptz"], ["updatedAt", "timestamptz"],
    ],
    data.attendances.map((a) => ({ ...a, updatedAt: stamp })),
  );
  await insertRows(tx, "MeetingGuest", data.guests);
  await bulkInsert(
    tx,
    "Minutes",
    [["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["opening", "text"], ["proceedings", "text"], ["closing", "text"], ["adoptedAt", "timestamptz"], ["updatedAt", "timestamptz"]],
    data.minutes.map((m) => ({ ...m, updatedAt: m.adoptedAt ?? stamp })),
  );
  await bulkInsert(
    tx,
    "Speech",
    [["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["memberId", "uuid"], ["speakerName", "text"], ["summary", "text"], ["position", "int"], ["isDiscussion", "boolean"]],
    data.speeches,
  );
  await bulkInsert(
    tx,
    "Resolution",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["number", "text"], ["body", "text"], ["votesFor", "int"],
      ["votesAgainst", "int"], ["votesAbstain", "int"], ["voteDenominator", "int"], ["voteMethod", '"VoteMethod"'], ["voteValid", "boolean"],
      ["adoptedAt", "timestamptz"], ["postedAt", "timestamptz"], ["updatedAt", "timestamptz"],
    ],
    data.resolutions.map((r) => ({ ...r, updatedAt: r.postedAt ?? r.adoptedAt ?? stamp })),
  );
  await bulkInsert(
    tx,
    "TaskAssignment",
    [
      ["tenantId", "uuid"], ["id", "uuid"], ["meetingId", "uuid"], ["memberId", "uuid"], ["content", "text"], ["deadline", "date"],
      ["reportMeetingId", "uuid"], ["result", '"TaskResult"'], ["resultPercent", "int"], ["resultNote", "text"], ["evaluatedAt", "timestamptz"],
    ],
    data.tasks,
  );
  const counts = {
    annualPlans: data.annualPlans.length,
    meetings: data.meetings.length,
    attendances: data.attendances.length,
    speeches: data.speeches.length,
    resolutions: data.resolutions.length,
    tasks: data.tasks.length,
    documents: data.documents.length,
  };
  // One summary entry, as for the roster: a row per seeded meeting would bury the real trail.
  const tenantId = data.meetings[0]?.tenantId;
  if (tenantId) {
    await recordAudit(tx, { tenantId, actorUserId: null, action: "tenant.seedDemoMeetings", entityType: "Tenant", entityId: tenantId, after: counts });
  }
  return counts;
}

/** Writes the generated documents' bytes to the blob store (after the rows are committed). */
export async function writeDemoFiles(files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  const store = blobStore();
  const entries = [...files];
  // A few at a time: thousands of small files, without opening them all at once.
  for (let i = 0; i < entries.length; i += 32) {
    await Promise.all(
      entries.slice(i, i + 32).map(([key, bytes]) =>
        store.put(key, (async function* () {
          yield bytes;
        })()),
      ),
    );
  }
}
