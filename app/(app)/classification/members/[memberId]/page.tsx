import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CasePage } from "../../case-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.case");
  return { title: t("memberTitle") };
}

export default async function MemberCasePage({ params, searchParams }: { params: Promise<{ memberId: string }>; searchParams: Promise<{ period?: string; done?: string }> }) {
  return <CasePage subject={{ memberId: (await params).memberId }} searchParams={searchParams} />;
}
