// Every message a schema can produce is Vietnamese: the global error map (lib/i18n/zod-errors.ts,
// installed by lib/errors.ts) words what a schema leaves unworded, and a sweep parses every exported
// schema of the app with wrong inputs and looks for zod's English.
import { describe, expect, test } from "vitest";
import { z } from "zod";
import "@/lib/errors";
import { createMeetingSchema } from "@/lib/meetings/schemas";

const ENGLISH = /\b(Invalid|expected|received|Required|Too (small|big)|must|Unrecognized)\b/;

describe("the Vietnamese error map", () => {
  test.each([
    [z.object({ name: z.string() }), {}, "Vui lòng nhập thông tin này."],
    [z.number(), "abc", "Vui lòng nhập một số."],
    [z.enum(["A", "B"]), "C", "Vui lòng chọn một giá trị trong danh sách."],
    [z.string().max(3), "abcd", "Không quá 3 ký tự."],
    [z.number().int().min(1), 0, "Giá trị phải từ 1 trở lên."],
    [z.number().max(100), 101, "Giá trị không được lớn hơn 100."],
    [z.string().email(), "a@", "Địa chỉ e-mail không hợp lệ."],
    [z.union([z.literal(""), z.number()]), "x", "Giá trị không hợp lệ."],
  ])("%# words a schema without its own message", (schema, input, message) => {
    const result = (schema as z.ZodType).safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe(message);
  });

  test("a meeting whose end cannot be read says which field, in Vietnamese", () => {
    const result = createMeetingSchema.safeParse({ branchId: "b", kind: "REGULAR", title: "Họp chi bộ", plannedStart: "2026-03-05T14:00", plannedEnd: "14:00 hôm sau" });
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ["plannedEnd"], message: "Thời gian kết thúc dự kiến không hợp lệ." })]);
  });
});

// Every module of lib/ that declares schemas; the sweep parses each exported schema.
const modules = import.meta.glob(["../../lib/**/*.ts", "!../../lib/generated/**", "!../../lib/db/**", "!../../lib/seed/**"]);

const WRONG_VALUES: unknown[] = [undefined, null, "", "x", -1, 1.5, 10 ** 9, true, [], {}, "a".repeat(20_000)];

function probes(schema: z.ZodType): unknown[] {
  const out: unknown[] = [...WRONG_VALUES];
  // Objects: every declared key set to each wrong value in turn.
  const shape = (schema as { shape?: Record<string, unknown> }).shape ?? (schema as { _zod?: { def?: { in?: { shape?: Record<string, unknown> } } } })._zod?.def?.in?.shape;
  if (shape) for (const value of WRONG_VALUES) out.push(Object.fromEntries(Object.keys(shape).map((key) => [key, value])));
  return out;
}

test("no exported schema answers in English", async () => {
  const english: string[] = [];
  let schemas = 0;
  for (const [path, load] of Object.entries(modules)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await load()) as Record<string, unknown>;
    } catch {
      continue; // server-only modules that need Next.js's runtime (Auth.js); their schemas live in modules loaded here
    }
    for (const [name, value] of Object.entries(mod)) {
      if (!(value instanceof z.ZodType)) continue;
      schemas += 1;
      for (const input of probes(value)) {
        let result;
        try {
          result = value.safeParse(input);
        } catch {
          continue; // a transform that throws a ValidationError of its own (Vietnamese, checked elsewhere)
        }
        for (const issue of result.success ? [] : result.error.issues) {
          if (ENGLISH.test(issue.message)) english.push(`${path} ${name} ${JSON.stringify(input)?.slice(0, 60)}: ${issue.message}`);
        }
      }
    }
  }
  expect(schemas).toBeGreaterThan(40);
  expect(english).toEqual([]);
}, 60_000);
