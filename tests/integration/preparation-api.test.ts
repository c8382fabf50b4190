// The preparation routes under /api/v1 as a browser or an integration calls them: uploads with the
// size and type limits (nothing stored when refused), downloads by members, who gets 404 / 403,
// and the JSON twins of the notice, pre-meeting and content forms. Signed in as in
// members-api.test.ts (only Auth.js's cookie decoding is replaced).
import { readdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import * as documentsRoute from "@/app/api/v1/meetings/[id]/documents/route";
import * as documentRoute from "@/app/api/v1/meetings/[id]/documents/[documentId]/route";
import * as noticeRoute from "@/app/api/v1/meetings/[id]/notice/route";
import * as preMeetingRoute from "@/app/api/v1/meetings/[id]/pre-meeting/route";
import * as preparationRoute from "@/app/api/v1/meetings/[id]/preparation/route";
import * as notificationsRoute from "@/app/api/v1/notifications/route";
import * as readRoute from "@/app/api/v1/notifications/read/route";
import type { Principal } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { LocalBlobStore, setBlobStore } from "@/lib/storage";
import { ownerDb } from "@/tests/fixtures/db";
import { makeMeeting, makeMeetingTenant, type MeetingTenant } from "@/tests/fixtures/meetings";
import { apiRequest, routeContext } from "@/tests/fixtures/members";
import { EXE_BYTES, PDF_BYTES, realDocx } from "@/tests/fixtures/preparation-files";

const session = vi.hoisted(() => ({ current: null as { user: { id: string }; tenantId: string } | null }));
vi.mock("@/lib/auth/auth", () => ({ auth: async () => session.current }));

function signIn(user: Principal): void {
  session.current = { user: { id: user.id }, tenantId: user.tenantId };
}

const MB = 1024 * 1024;
let tenant: MeetingTenant;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(path.join(os.tmpdir(), "sosh-prep-api-"));
  setBlobStore(new LocalBlobStore(storageDir));
  tenant = await makeMeetingTenant({ members: 3 });
});

beforeEach(() => signIn(tenant.recorder));

afterAll(async () => {
  setBlobStore(undefined);
  await rm(storageDir, { recursive: true, force: true });
  await db().$disconnect();
  await ownerDb().$disconnect();
});

async function storedFiles(): Promise<number> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).length;
}

async function documentRows(meetingId: string): Promise<number> {
  return ownerDb().meetingDocument.count({ where: { tenantId: tenant.tenantId, meetingId } });
}

function uploadRequest(
  meetingId: string,
  body: Uint8Array | ReadableStream<Uint8Array> | null,
  query: Record<string, string> = { kind: "CONTENT", fileName: "noi-dung.pdf" },
  headers: Record<string, string> = { "content-type": "application/octet-stream" },
): Request {
  return new Request(`http://localhost/api/v1/meetings/${meetingId}/documents?${new URLSearchParams(query)}`, {
    method: "POST",
    headers,
    body: body instanceof Uint8Array ? new Uint8Array(body) : body,
    duplex: "half",
  } as RequestInit);
}

const upload = (meetingId: string, request: Request) => documentsRoute.POST(request, routeContext({ id: meetingId }));

interface DocumentJson {
  id: string;
  kind: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  downloadUrl: string;
}

describe("POST /api/v1/meetings/{id}/documents", () => {
  test("the recorder posts a file: 201 with its type from the bytes, hash and size; the bytes are stored", async () => {
    const meeting = await makeMeeting({ tenant });
    const docx = await realDocx();
    const response = await upload(meeting.id, uploadRequest(meeting.id, docx, { kind: "CONTENT", fileName: "Nội dung sinh hoạt.docx", title: "Nội dung tháng 3" }));
    expect(response.status).toBe(201);
    const body = (await response.json()) as DocumentJson;
    expect(body).toMatchObject({
      kind: "CONTENT",
      fileName: "Nội dung sinh hoạt.docx",
      mimeType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      sizeBytes: docx.length,
      downloadUrl: `/api/v1/meetings/${meeting.id}/documents/${body.id}`,
    });
    const row = await ownerDb().meetingDocument.findUniqueOrThrow({ where: { tenantId_id: { tenantId: tenant.tenantId, id: body.id } } });
    expect(row).toMatchObject({ title: "Nội dung tháng 3", sha256: body.sha256, postedById: tenant.recorder.id });
    const audit = await ownerDb().auditEntry.findFirst({ where: { tenantId: tenant.tenantId, entityId: meeting.id, action: "meeting.document.upload" } });
    expect(audit?.after).toMatchObject({ documentId: body.id, sha256: body.sha256 });
  });

  test("a 200 MB upload is refused from its Content-Length before a byte is read (413), nothing stored", async () => {
    const meeting = await makeMeeting({ tenant });
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(MB));
      },
    });
    const before = await storedFiles();
    const response = await upload(
      meeting.id,
      uploadRequest(meeting.id, body, undefined, { "content-type": "application/octet-stream", "content-length": String(200 * MB) }),
    );
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/Tệp quá lớn.*tối đa 20 MB/);
    // The stream may prefetch a chunk, never the file.
    expect(pulled).toBeLessThanOrEqual(2);
    expect(await storedFiles()).toBe(before);
    expect(await documentRows(meeting.id)).toBe(0);
  });

  test("without a Content-Length the stream is cut at the limit (413), nothing stored", async () => {
    const meeting = await makeMeeting({ tenant });
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(PDF_BYTES);
        else controller.enqueue(new Uint8Array(MB));
        sent += 1;
        if (sent > 200) controller.close();
      },
    });
    const before = await storedFiles();
    const response = await upload(meeting.id, uploadRequest(meeting.id, body));
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(30);
    expect(await storedFiles()).toBe(before);
    expect(await documentRows(meeting.id)).toBe(0);
  });

  test("an executable disguised as a PDF: 415 with a Vietnamese message, nothing stored", async () => {
    const meeting = await makeMeeting({ tenant });
    const before = await storedFiles();
    const response = await upload(meeting.id, uploadRequest(meeting.id, EXE_BYTES, { kind: "CONTENT", fileName: "bao-cao-thang-3.pdf" }));
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: string }).error).toMatch(/“bao-cao-thang-3\.pdf” là tệp chương trình.*Chỉ nhận tệp PDF/);
    expect(await storedFiles()).toBe(before);
    expect(await documentRows(meeting.id)).toBe(0);
  });

  test("refuses form posts and other origins (they could come from another site)", async () => {
    const meeting = await makeMeeting({ tenant });
    const form = await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES, undefined, { "content-type": "multipart/form-data; boundary=x" }));
    expect(form.status).toBe(415);
    const foreign = await upload(
      meeting.id,
      uploadRequest(meeting.id, PDF_BYTES, undefined, { "content-type": "application/octet-stream", origin: "https://evil.example", host: "localhost" }),
    );
    expect(foreign.status).toBe(403);
    expect(await documentRows(meeting.id)).toBe(0);
  });

  test("a bad kind is a 422 naming the field", async () => {
    const meeting = await makeMeeting({ tenant });
    const response = await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES, { kind: "SECRET", fileName: "a.pdf" }));
    expect(response.status).toBe(422);
    expect(((await response.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.kind).toBeDefined();
  });
});

describe("who may post and read documents", () => {
  test("MEMBER of the branch lists and downloads, cannot post (403, nothing stored); another branch's recorder gets 404", async () => {
    const meeting = await makeMeeting({ tenant });
    const posted = (await (await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES, { kind: "DRAFT_RESOLUTION", fileName: "Dự thảo NQ.pdf" }))).json()) as DocumentJson;

    signIn(tenant.member);
    const list = await documentsRoute.GET(apiRequest("GET", `/api/v1/meetings/${meeting.id}/documents`), routeContext({ id: meeting.id }));
    expect(list.status).toBe(200);
    expect(((await list.json()) as { documents: DocumentJson[] }).documents.map((d) => d.id)).toEqual([posted.id]);
    const download = await documentRoute.GET(apiRequest("GET", posted.downloadUrl), routeContext({ id: meeting.id, documentId: posted.id }));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/pdf");
    expect(download.headers.get("content-disposition")).toBe(`attachment; filename="Du thao NQ.pdf"; filename*=UTF-8''${encodeURIComponent("Dự thảo NQ.pdf")}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PDF_BYTES);
    const before = await storedFiles();
    const refused = await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES));
    expect(refused.status).toBe(403);
    expect(await storedFiles()).toBe(before);
    const deleteByMember = await documentRoute.DELETE(apiRequest("DELETE", posted.downloadUrl), routeContext({ id: meeting.id, documentId: posted.id }));
    expect(deleteByMember.status).toBe(403);

    signIn(tenant.recorderOther);
    expect((await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES))).status).toBe(404);
    expect((await documentRoute.GET(apiRequest("GET", posted.downloadUrl), routeContext({ id: meeting.id, documentId: posted.id }))).status).toBe(404);
    expect((await documentsRoute.GET(apiRequest("GET", "/"), routeContext({ id: meeting.id }))).status).toBe(404);
    // A document id under another meeting is not found either.
    signIn(tenant.recorder);
    const otherMeeting = await makeMeeting({ tenant });
    expect((await documentRoute.GET(apiRequest("GET", "/"), routeContext({ id: otherMeeting.id, documentId: posted.id }))).status).toBe(404);
    expect(await storedFiles()).toBe(before);
  });

  test("delete before the meeting removes the row and the file; after adoption a final document stays", async () => {
    const meeting = await makeMeeting({ tenant });
    const posted = (await (await upload(meeting.id, uploadRequest(meeting.id, PDF_BYTES))).json()) as DocumentJson;
    const before = await storedFiles();
    const removed = await documentRoute.DELETE(apiRequest("DELETE", posted.downloadUrl), routeContext({ id: meeting.id, documentId: posted.id }));
    expect(removed.status).toBe(200);
    expect(await documentRows(meeting.id)).toBe(0);
    expect(await storedFiles()).toBe(before - 1);

    const held = await makeMeeting({ tenant, state: "HELD" });
    const finalDoc = (await (await upload(held.id, uploadRequest(held.id, PDF_BYTES, { kind: "FINAL_RESOLUTION", fileName: "nq.pdf" }))).json()) as DocumentJson;
    await ownerDb().meeting.update({ where: { tenantId_id: { tenantId: tenant.tenantId, id: held.id } }, data: { state: "MINUTES_ADOPTED" } });
    const kept = await documentRoute.DELETE(apiRequest("DELETE", finalDoc.downloadUrl), routeContext({ id: held.id, documentId: finalDoc.id }));
    expect(kept.status).toBe(422);
    expect(await documentRows(held.id)).toBe(1);
  });
});

describe("JSON twins of the forms", () => {
  test("content (PUT /preparation), pre-meeting (PUT /pre-meeting), notice (POST /notice), and the summary", async () => {
    const meeting = await makeMeeting({ tenant });
    const id = { id: meeting.id };
    const content = await preparationRoute.PUT(
      apiRequest("PUT", `/api/v1/meetings/${meeting.id}/preparation`, { version: 1, content: "Đánh giá tháng 2", draftResolution: "Dự thảo" }),
      routeContext(id),
    );
    expect(content.status).toBe(200);
    expect(await content.json()).toEqual({ id: meeting.id, version: 2 });
    const stale = await preparationRoute.PUT(apiRequest("PUT", "/", { version: 1, content: "ghi đè" }), routeContext(id));
    expect(stale.status).toBe(409);

    const pre = await preMeetingRoute.PUT(
      apiRequest("PUT", "/", { version: 2, heldAt: "2025-03-01T02:00:00.000Z", attendeeMemberIds: [tenant.members[0]!.id], minuted: true }),
      routeContext(id),
    );
    expect(pre.status).toBe(200);
    const preJson = (await (await preMeetingRoute.GET(apiRequest("GET", "/"), routeContext(id))).json()) as { hasCommittee: boolean; preMeeting: { minuted: boolean } };
    expect(preJson).toMatchObject({ hasCommittee: true, preMeeting: { minuted: true } });

    const draft = (await (await noticeRoute.GET(apiRequest("GET", "/"), routeContext(id))).json()) as { draft: { subject: string; body: string }; canSend: boolean };
    expect(draft.canSend).toBe(true);
    expect(draft.draft.body).toContain("Đánh giá tháng 2");
    const sent = await noticeRoute.POST(apiRequest("POST", "/", { version: 3, ...draft.draft }), routeContext(id));
    expect(sent.status).toBe(201);
    expect(await sent.json()).toMatchObject({ state: "NOTIFIED", includesOverseer: true, version: 4 });
    const again = await noticeRoute.POST(apiRequest("POST", "/", { version: 4, ...draft.draft }), routeContext(id));
    expect(again.status).toBe(409);

    const summary = (await (await preparationRoute.GET(apiRequest("GET", "/"), routeContext(id))).json()) as {
      summary: { preMeeting: { held: boolean }; notice: { count: number; toOverseer: boolean }; content: { hasContent: boolean } };
    };
    expect(summary.summary).toMatchObject({ preMeeting: { held: true }, notice: { count: 1, toOverseer: true }, content: { hasContent: true } });

    // The member got the notice; reading it through the API marks it read.
    signIn(tenant.member);
    const inbox = (await (await notificationsRoute.GET(apiRequest("GET", "/api/v1/notifications?unread=1"), routeContext({}))).json()) as {
      items: { id: string; link: string }[];
      unreadCount: number;
    };
    const item = inbox.items.find((n) => n.link === `/meetings/${meeting.id}`);
    expect(item).toBeDefined();
    const read = await readRoute.POST(apiRequest("POST", "/", { ids: [item!.id] }), routeContext({}));
    expect(await read.json()).toEqual({ updated: 1 });
  });

  test("a member cannot send the notice (403), another branch's recorder cannot see it (404)", async () => {
    const meeting = await makeMeeting({ tenant });
    signIn(tenant.member);
    expect((await noticeRoute.POST(apiRequest("POST", "/", { version: 1, subject: "Thông báo họp", body: "Nội dung thông báo đủ dài để gửi." }), routeContext({ id: meeting.id }))).status).toBe(403);
    signIn(tenant.recorderOther);
    expect((await noticeRoute.GET(apiRequest("GET", "/"), routeContext({ id: meeting.id }))).status).toBe(404);
    expect((await preparationRoute.GET(apiRequest("GET", "/"), routeContext({ id: meeting.id }))).status).toBe(404);
    expect(await ownerDb().notice.count({ where: { tenantId: tenant.tenantId, meetingId: meeting.id } })).toBe(0);
  });
});
