// zod's messages in Vietnamese, for every schema of the app. Most schemas write their own message
// for each rule; this covers the rest (a missing field, a number out of range, an unknown choice),
// so no English "Invalid input" ever reaches a person. zod's own Vietnamese locale is the fallback
// for what is not worded here. Installed once, globally, by importing this module: lib/errors.ts (the
// home of parseInput and ValidationError, which every service and action imports) and lib/env.ts.
import { z } from "zod";

type Issue = Parameters<NonNullable<z.core.$ZodConfig["customError"]>>[0];

const SIZED: Record<string, string> = { string: "ký tự", array: "mục", set: "mục", file: "byte" };

function isBlank(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "string" && input.trim() === "");
}

const number = (value: number | bigint) => (typeof value === "bigint" ? value.toString() : value.toLocaleString("vi-VN"));

/** The wording for one issue, or undefined to let zod's Vietnamese locale word it. */
export function vietnameseIssueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type":
      if (isBlank(issue.input)) return "Vui lòng nhập thông tin này.";
      if (issue.expected === "number" || issue.expected === "int" || issue.expected === "bigint") return "Vui lòng nhập một số.";
      if (issue.expected === "date") return "Ngày không hợp lệ.";
      if (issue.expected === "boolean") return "Vui lòng chọn có hoặc không.";
      return "Giá trị không đúng kiểu.";
    case "too_small": {
      const unit = SIZED[issue.origin ?? ""];
      if (unit === "ký tự" && Number(issue.minimum) <= 1) return "Vui lòng nhập thông tin này.";
      if (unit) return `Cần ít nhất ${number(issue.minimum)} ${unit}.`;
      return issue.inclusive ? `Giá trị phải từ ${number(issue.minimum)} trở lên.` : `Giá trị phải lớn hơn ${number(issue.minimum)}.`;
    }
    case "too_big": {
      const unit = SIZED[issue.origin ?? ""];
      if (unit) return `Không quá ${number(issue.maximum)} ${unit}.`;
      return issue.inclusive ? `Giá trị không được lớn hơn ${number(issue.maximum)}.` : `Giá trị phải nhỏ hơn ${number(issue.maximum)}.`;
    }
    case "invalid_value":
      return issue.values.length === 1 ? "Giá trị không hợp lệ." : "Vui lòng chọn một giá trị trong danh sách.";
    case "invalid_format":
      if (issue.format === "email") return "Địa chỉ e-mail không hợp lệ.";
      if (issue.format === "url") return "Địa chỉ trang web không hợp lệ.";
      if (issue.format === "date" || issue.format === "datetime") return "Ngày giờ không hợp lệ.";
      return "Giá trị không đúng định dạng.";
    case "not_multiple_of":
      return `Giá trị phải là bội số của ${number(issue.divisor)}.`;
    case "unrecognized_keys":
      return `Có trường không được chấp nhận: ${issue.keys.join(", ")}.`;
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return "Giá trị không hợp lệ.";
    default:
      return undefined;
  }
}

z.config(z.locales.vi());
z.config({ customError: (issue) => vietnameseIssueMessage(issue) });
