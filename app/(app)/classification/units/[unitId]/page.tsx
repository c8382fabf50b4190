import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CasePage } from "../../case-page";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("classification.case");
  return { title: t("unitTitle") };
}

export default async function UnitCasePage({ params, searchParams }: { params: Promise<{ unitId: string }>; searchParams: Promise<{ period?: string; done?: string }> }) {
  return <CasePage subject={{ unitId: (await params).unitId }} searchParams={searchParams} />;
}
