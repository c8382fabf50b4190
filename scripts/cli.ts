// Operator command line: npm run cli -- <nhóm> <lệnh> [tùy chọn]
// Commands live in one dispatch table (group → command), so adding e.g. `token create` is one entry.
// Exit codes: 0 success, 1 the operation failed, 2 the command line was wrong.
import { randomInt } from "node:crypto";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { createDb } from "@/lib/db/client";
import { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/db/errors";
import { DatabaseTargetError, openDatabaseTarget } from "@/lib/db/target";
import { databaseUrl, EnvError } from "@/lib/env";
import { AppError, ValidationError } from "@/lib/errors";
import { createTenant, listTenantsAsOwner, TENANT_ROOT_KINDS, type CreateTenantInput } from "@/lib/org/tenants";
import { createTokenForUsername } from "@/lib/auth/tokens";
import { deliverPendingMail } from "@/lib/notifications/deliver";

type Options = NonNullable<ParseArgsConfig["options"]>;
type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  run(values: Values): Promise<void>;
}

/** A mistake on the command line (exit code 2), as opposed to a failed operation (exit code 1). */
class UsageError extends Error {}

function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

function required(values: Values, name: string, label: string): string {
  const value = text(values, name)?.trim();
  if (!value) throw new UsageError(`Thiếu tùy chọn bắt buộc --${name} (${label}).`);
  return value;
}

// 16 characters from an alphabet without look-alikes (0/O, 1/l/I): about 92 bits.
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

function generatePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 16 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]);
    const password = [0, 4, 8, 12].map((start) => chars.slice(start, start + 4).join("")).join("-");
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /[0-9]/.test(password)) return password;
  }
}

/** CLI flag for each field of createTenantSchema, so validation errors name what to fix. */
const TENANT_FLAGS: Record<string, string> = {
  code: "--code",
  name: "--name",
  rootUnitName: "--root-name",
  rootUnitKind: "--root-kind",
  rootUnitCategory: "--category",
  adminUsername: "--admin",
  adminDisplayName: "--admin-name",
  adminPassword: "--password",
};

const tenantCreate: Command = {
  summary: "Tạo đơn vị sử dụng mới cùng tổ chức đảng gốc và tài khoản quản trị đầu tiên",
  usage: [
    "tenant create --code <mã> --name \"<tên đơn vị>\" --admin <tên đăng nhập> [tùy chọn]",
    "",
    "  --code <mã>              mã đơn vị: chữ thường không dấu, số, gạch ngang (ví dụ: dang-uy-khoi)",
    "  --name \"<tên>\"           tên đơn vị sử dụng",
    "  --admin <tên>            tên đăng nhập của người quản trị đầu tiên",
    "  --admin-name \"<họ tên>\"  họ tên hiển thị (mặc định: Quản trị viên)",
    "  --password <mật khẩu>    ít nhất 8 ký tự; bỏ trống để sinh ngẫu nhiên và in ra một lần",
    "  --root-name \"<tên>\"      tên tổ chức đảng gốc (mặc định: tên đơn vị)",
    `  --root-kind <loại>       ${TENANT_ROOT_KINDS.join(" | ")} (mặc định: BLOC_COMMITTEE)`,
    "  --category <loại hình>   ADMIN_PUBLIC | STATE_ENTERPRISE | NON_STATE_ENTERPRISE | SCHOOL_STUDENT | RESIDENTIAL | ARMED_FORCES",
    "  --keep-password          không bắt buộc đổi mật khẩu ở lần đăng nhập đầu",
  ].join("\n"),
  options: {
    code: { type: "string" },
    name: { type: "string" },
    admin: { type: "string" },
    "admin-name": { type: "string" },
    password: { type: "string" },
    "root-name": { type: "string" },
    "root-kind": { type: "string" },
    category: { type: "string" },
    "keep-password": { type: "boolean" },
  },
  async run(values) {
    const givenPassword = text(values, "password");
    const password = givenPassword ?? generatePassword();
    const input = {
      code: required(values, "code", "mã đơn vị"),
      name: required(values, "name", "tên đơn vị"),
      adminUsername: required(values, "admin", "tên đăng nhập quản trị"),
      adminDisplayName: text(values, "admin-name") ?? "Quản trị viên",
      adminPassword: password,
      rootUnitName: text(values, "root-name"),
      rootUnitKind: text(values, "root-kind"),
      rootUnitCategory: text(values, "category"),
      mustChangePassword: values["keep-password"] !== true,
    };
    // Enum fields are checked by the service's schema, which reports them in Vietnamese.
    const result = await createTenant(input as CreateTenantInput);
    const lines = [
      `Đã tạo đơn vị "${input.code.trim().toLowerCase()}" (${input.name.trim()}).`,
      `  Mã định danh đơn vị (tenantId): ${result.tenantId}`,
      `  Tổ chức đảng gốc: ${result.rootUnitId}`,
      `  Tài khoản quản trị: ${input.adminUsername.trim().toLowerCase()}` +
        (input.mustChangePassword ? " (phải đổi mật khẩu ở lần đăng nhập đầu)" : ""),
    ];
    if (!givenPassword) lines.push(`  Mật khẩu tạm thời (chỉ hiển thị một lần, hãy lưu lại ngay): ${password}`);
    console.log(lines.join("\n"));
  },
};

const tenantList: Command = {
  summary: "Liệt kê các đơn vị sử dụng (cần quyền chủ sở hữu cơ sở dữ liệu)",
  usage: "tenant list",
  options: {},
  async run() {
    const owner = createDb(databaseUrl(), { asOwner: true, max: 1 });
    try {
      const tenants = await listTenantsAsOwner(owner);
      if (tenants.length === 0) {
        console.log("Chưa có đơn vị nào. Tạo bằng: npm run cli -- tenant create --help");
        return;
      }
      const header = ["Mã", "Tên đơn vị", "Tổ chức", "Chi bộ", "Đảng viên", "Tài khoản", "Ngày tạo"];
      const rows = tenants.map((tenant) => [
        tenant.code,
        tenant.name,
        String(tenant.orgUnits),
        String(tenant.branches),
        String(tenant.members),
        String(tenant.users),
        tenant.createdAt.toISOString().slice(0, 10),
      ]);
      const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
      const format = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
      console.log([format(header), format(widths.map((width) => "-".repeat(width))), ...rows.map(format)].join("\n"));
    } finally {
      await owner.$disconnect();
    }
  },
};

const tokenCreate: Command = {
  summary: "Tạo mã truy cập cá nhân (personal access token) cho một tài khoản, dùng cho tích hợp",
  usage: [
    "token create --user <tên đăng nhập> [--name \"<tên>\"] [--scope read|full] [--days <số ngày> | --no-expiry]",
    "",
    "  --user <tên>      tài khoản mà mã truy cập thay mặt (dùng đúng quyền của tài khoản đó)",
    "  --name \"<tên>\"    tên gợi nhớ (mặc định: Tích hợp (tạo bằng dòng lệnh))",
    "  --scope read|full read: chỉ đọc (mọi GET); full (mặc định): đọc và thay đổi; không mã nào tạo được mã khác",
    "  --days <số ngày>  hết hạn sau số ngày này (mặc định 90, tối đa 365)",
    "  --no-expiry       không hết hạn (chỉ dừng khi bị thu hồi)",
  ].join("\n"),
  options: { user: { type: "string" }, name: { type: "string" }, scope: { type: "string" }, days: { type: "string" }, "no-expiry": { type: "boolean" } },
  async run(values) {
    const username = required(values, "user", "tên đăng nhập");
    const days = text(values, "days");
    if (days !== undefined && !/^\d+$/.test(days)) throw new UsageError("--days phải là số ngày nguyên dương.");
    const scope = text(values, "scope") ?? "full";
    if (scope !== "read" && scope !== "full") throw new UsageError("--scope phải là read hoặc full.");
    const created = await createTokenForUsername(username, {
      name: text(values, "name"),
      scope: scope === "read" ? "READ" : "FULL",
      expiresInDays: values["no-expiry"] === true ? null : days === undefined ? undefined : Number(days),
    });
    const expiry = created.expiresAt ? created.expiresAt.toISOString().slice(0, 10) : "không hết hạn";
    console.log(
      [
        `Đã tạo mã truy cập "${created.name}" cho tài khoản ${created.username} (hết hạn: ${expiry}).`,
        "Mã chỉ hiển thị một lần, hãy lưu lại ngay; gửi kèm mỗi yêu cầu: Authorization: Bearer <mã>",
        created.token,
      ].join("\n"),
    );
  },
};

const outboxDeliver: Command = {
  summary: "Gửi các e-mail đang chờ trong hộp thư đi qua SMTP (cần SMTP_URL)",
  usage: "outbox deliver [--limit <số thư>]\n\n  --limit <số>  gửi tối đa chừng này thư cho mỗi đơn vị trong lần chạy (mặc định 1000)",
  options: { limit: { type: "string" } },
  async run(values) {
    const limit = text(values, "limit");
    if (limit !== undefined && !/^[1-9]\d*$/.test(limit)) throw new UsageError("--limit phải là số nguyên dương.");
    console.log(await deliverPendingMail({ limit: limit === undefined ? undefined : Number(limit) }));
  },
};

const COMMANDS: Record<string, Record<string, Command>> = {
  tenant: { create: tenantCreate, list: tenantList },
  token: { create: tokenCreate },
  outbox: { deliver: outboxDeliver },
};

function overview(): string {
  const lines = ["Cách dùng: npm run cli -- <nhóm> <lệnh> [tùy chọn]", "", "Các lệnh:"];
  for (const [group, commands] of Object.entries(COMMANDS)) {
    for (const [name, command] of Object.entries(commands)) lines.push(`  ${`${group} ${name}`.padEnd(16)} ${command.summary}`);
  }
  lines.push("", "Xem tùy chọn của một lệnh: npm run cli -- <nhóm> <lệnh> --help");
  return lines.join("\n");
}

/** Node's parseArgs reports in English; say the same thing in Vietnamese. */
function parseArgsMessage(error: Error & { code?: string }): string {
  const option = /'([^']+)'/.exec(error.message)?.[1]?.replace(/ <value>$/, "");
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `Tùy chọn không được hỗ trợ: ${option ?? error.message}.`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return option ? `Tùy chọn ${option} thiếu giá trị.` : `Thiếu giá trị cho một tùy chọn: ${error.message}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `Tham số thừa: ${option ?? error.message}. Giá trị có dấu cách phải đặt trong ngoặc kép.`;
    default:
      return `Dòng lệnh không hợp lệ: ${error.message}`;
  }
}

function describeError(error: unknown): string {
  if (error instanceof ValidationError) {
    const details = Object.entries(error.fieldErrors).flatMap(([field, messages]) =>
      messages.map((message) => `  ${TENANT_FLAGS[field] ?? field}: ${message}`),
    );
    return [error.message, ...details].join("\n");
  }
  if (isDatabaseUnavailable(error)) {
    return `${new DatabaseUnavailableError().message} (Kiểm tra DATABASE_URL và máy chủ PostgreSQL.)`;
  }
  if (error instanceof DatabaseTargetError) return error.message;
  if (error instanceof EnvError) return error.message;
  if (error instanceof AppError) return error.message;
  if (error instanceof Error && /row-level security/i.test(error.message)) {
    return "Tài khoản cơ sở dữ liệu trong DATABASE_URL không được bỏ qua bảo mật theo dòng (cần superuser hoặc BYPASSRLS) nên không thể liệt kê mọi đơn vị.";
  }
  return `Lỗi không mong đợi: ${error instanceof Error ? error.message : String(error)}`;
}

async function main(argv: string[]): Promise<number> {
  const [group, name, ...rest] = argv;
  if (!group || group === "help" || group === "--help" || group === "-h") {
    console.log(overview());
    return group ? 0 : 2;
  }
  const commands = COMMANDS[group];
  if (!commands) {
    console.error(`Không có nhóm lệnh "${group}".\n\n${overview()}`);
    return 2;
  }
  const command = name ? commands[name] : undefined;
  if (!command) {
    console.error(`${name ? `Không có lệnh "${group} ${name}".` : `Thiếu lệnh sau "${group}".`}\n\n${overview()}`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(`Cách dùng: npm run cli -- ${command.usage}`);
      return 0;
    }
    // DATABASE_URL, else the embedded database (through the running app, or opened for this command).
    const target = await openDatabaseTarget();
    try {
      await command.run(values);
    } finally {
      await target.close();
    }
    return 0;
  } catch (error) {
    const parseError = error as Error & { code?: string };
    if (typeof parseError?.code === "string" && parseError.code.startsWith("ERR_PARSE_ARGS")) {
      console.error(`${parseArgsMessage(parseError)}\nXem hướng dẫn: npm run cli -- ${group} ${name} --help`);
      return 2;
    }
    if (error instanceof UsageError) {
      console.error(`${error.message}\nXem hướng dẫn: npm run cli -- ${group} ${name} --help`);
      return 2;
    }
    console.error(`Lỗi: ${describeError(error)}`);
    return 1;
  }
}

// The pools would keep the process alive; exit explicitly once the command is done.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Lỗi không mong đợi: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
