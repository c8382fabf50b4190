import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { MemberFilters } from "@/components/members/member-filters";
import { MemberList } from "@/components/members/member-list";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { canAnywhere } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { ValidationError } from "@/lib/errors";
import { memberListQuerySchema, type MemberListQuery } from "@/lib/org/member-schemas";
import { getMemberFilterBranches, listMembers, type MemberListPage } from "@/lib/org/members";

type SearchParams = Record<string, string | string[] | undefined>;

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("members");
  return { title: t("title") };
}

function first(params: SearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    const one = Array.isArray(value) ? value[0] : value;
    if (typeof one === "string") out[key] = one;
  }
  return out;
}

/** The list URL for the same filters (and a cursor). */
function listHref(query: MemberListQuery, cursor: string | null): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.status) params.set("status", query.status);
  if (query.position) params.set("position", query.position);
  if (query.branch) params.set("branch", query.branch);
  if (query.exempt) params.set("exempt", "1");
  if (query.roll !== "current") params.set("roll", query.roll);
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `/members?${text}` : "/members";
}

export default async function MembersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireUser();
  if (!canAnywhere(user, "member.read")) notFound();
  const t = await getTranslations("members");

  // A hand-edited URL with a bad value shows the whole list with a notice instead of an error page.
  const parsed = memberListQuerySchema.safeParse(first(await searchParams));
  const query = parsed.success ? parsed.data : memberListQuerySchema.parse({});
  let notice: string | null = parsed.success ? null : t("list.badFilters");
  let page: MemberListPage;
  try {
    page = await listMembers(user, query);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    notice = error.message;
    page = await listMembers(user, { ...query, cursor: null });
  }
  const branches = await getMemberFilterBranches(user);
  const canManage = canAnywhere(user, "member.manage");
  const filtered = Boolean(query.q || query.status || query.position || query.branch || query.exempt || query.roll !== "current");

  return (
    <>
      <PageHeader title={t("title")} description={canManage ? t("introManage") : t("introRead")}>
        {canManage ? (
          <p>
            <ButtonLink href="/members/new" variant="primary">
              {t("add")}
            </ButtonLink>
          </p>
        ) : null}
      </PageHeader>
      <div className="mb-6 rounded-xl border border-ink-200 bg-white p-4 shadow-sm sm:p-5">
        <MemberFilters
          values={{
            q: query.q ?? "",
            status: query.status,
            position: query.position,
            branch: query.branch,
            exempt: query.exempt,
            roll: query.roll,
          }}
          branches={branches}
          active={filtered}
        />
      </div>
      <div className="flex flex-col gap-4">
        {notice ? <Alert tone="warning">{notice}</Alert> : null}
        {page.search?.tooShort ? <Alert tone="info">{t("list.searchTooShort")}</Alert> : null}
        {page.items.length === 0 ? (
          filtered ? (
            <EmptyState title={t("list.noMatchTitle")}>{t("list.noMatchHint")}</EmptyState>
          ) : (
            <EmptyState title={t("list.emptyTitle")}>{canManage ? t("list.emptyHintManage") : t("list.emptyHintRead")}</EmptyState>
          )
        ) : (
          <MemberList
            items={page.items}
            total={page.total}
            nextHref={page.nextCursor ? listHref(query, page.nextCursor) : null}
            firstHref={query.cursor ? listHref(query, null) : null}
          />
        )}
      </div>
    </>
  );
}
