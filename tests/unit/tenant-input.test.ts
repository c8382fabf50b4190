import { describe, expect, it } from "vitest";
import { createTenantSchema } from "@/lib/org/tenants";
import { isUniqueViolation } from "@/lib/errors";

const valid = {
  code: "dang-uy-khoi",
  name: "Đảng ủy Khối các cơ quan tỉnh",
  adminUsername: "quantri",
  adminDisplayName: "Nguyễn Văn A",
  adminPassword: "matkhau-du-dai",
};

describe("createTenantSchema", () => {
  it("normalises code and username to lowercase and applies defaults", () => {
    const parsed = createTenantSchema.parse({ ...valid, code: "  Dang-Uy-Khoi ", adminUsername: " QuanTri " });
    expect(parsed).toMatchObject({
      code: "dang-uy-khoi",
      adminUsername: "quantri",
      rootUnitKind: "BLOC_COMMITTEE",
      mustChangePassword: true,
    });
  });

  it.each([
    ["code", { code: "đảng-ủy" }],
    ["code", { code: "dang--uy" }],
    ["code", { code: "-dang" }],
    ["adminUsername", { adminUsername: "ab" }],
    ["adminUsername", { adminUsername: "quản.trị" }],
    ["adminUsername", { adminUsername: "quantri." }],
    ["adminPassword", { adminPassword: "1234567" }],
    ["name", { name: "  " }],
    ["rootUnitKind", { rootUnitKind: "BRANCH" }],
  ])("rejects a bad %s with a Vietnamese message", (field, override) => {
    const result = createTenantSchema.safeParse({ ...valid, ...override });
    expect(result.success).toBe(false);
    const issue = result.error?.issues.find((candidate) => candidate.path[0] === field);
    expect(issue?.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
  });

  it("accepts the root kinds of a commune đảng bộ", () => {
    expect(createTenantSchema.parse({ ...valid, rootUnitKind: "GRASSROOTS_COMMITTEE", rootUnitCategory: "RESIDENTIAL" }).rootUnitKind).toBe(
      "GRASSROOTS_COMMITTEE",
    );
  });
});

describe("isUniqueViolation", () => {
  const adapterError = (index: string) => ({
    code: "P2002",
    meta: { modelName: "Tenant", driverAdapterError: { cause: { kind: "UniqueConstraintViolation", constraint: { index } } } },
  });

  it("names the violated constraint with the pg driver adapter", () => {
    expect(isUniqueViolation(adapterError("Tenant_code_key"), "Tenant_code_key")).toBe(true);
    expect(isUniqueViolation(adapterError("User_username_key"), "Tenant_code_key")).toBe(false);
  });

  it("also understands meta.target and ignores other errors", () => {
    expect(isUniqueViolation({ code: "P2002", meta: { target: ["username"] } }, "username")).toBe(true);
    expect(isUniqueViolation({ code: "P2003", meta: { target: ["username"] } }, "username")).toBe(false);
    expect(isUniqueViolation(new Error("x"), "username")).toBe(false);
    expect(isUniqueViolation(null, "username")).toBe(false);
  });
});
