// The demo's scorecards are scored in bulk (lib/seed/demo-scores.ts: deriveManyMeetingFacts,
// rubricChooser, voteOnRoll). They must be exactly what the application's one-meeting path would
// compute from the same record (the demo is in this file's copy of the run's template database): the facts stored on each card equal deriveMeetingFacts, the rubric is
// rubricForMeeting's choice, and the totals and levels are the engine's for the stored marks.
// And the demo is the same from run to run: a second seed for the same day gives the same meetings,
// states, scores and row counts (only ids and timestamps of the seed itself differ).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, expect, test } from "vitest";
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { withTenant } from "@/lib/db/tenant";
import { setDatabaseUrl } from "@/lib/env";
import { meetingRefSelect } from "@/lib/meetings/access";
import { meetingDay } from "@/lib/meetings/record-common";
import { score } from "@/lib/scoring/engine";
import { deriveMeetingFacts } from "@/lib/scoring/meeting-facts";
import { rubricForMeeting } from "@/lib/scoring/rubric-store";
import { scoreVote } from "@/lib/scoring/workflow";
import { DEMO_TENANT_CODE, seedDemo } from "@/lib/seed/demo";
import { todayUtc } from "@/lib/seed/demo-data";
import { LocalBlobStore, setBlobStore } from "@/lib/storage";
import { createTestDatabase, dropTestDatabase } from "@/tests/fixtures/database";
import { ownerDb } from "@/tests/fixtures/db";
import { demoFingerprint, type DemoFingerprint } from "@/tests/fixtures/demo-fingerprint";

afterAll(async () => {
  await closeDb();
  await ownerDb().$disconnect();
});

test("every demo scorecard holds the facts, rubric, vote and totals the one-meeting path computes", { timeout: 600_000 }, async () => {
  const tenant = await ownerDb().tenant.findUniqueOrThrow({ where: { code: DEMO_TENANT_CODE }, select: { id: true } });
  const mismatches = await withTenant(
    tenant.id,
    async (tx) => {
      const cards = await tx.scorecard.findMany({
        where: { tenantId: tenant.id },
        select: {
          facts: true, rubricId: true, selfMarks: true, selfTotalTenths: true, selfLevel: true, voteFor: true, voteAgainst: true, voteEligible: true,
          meeting: { select: meetingRefSelect },
        },
        orderBy: { meetingId: "asc" },
      });
      expect(cards.length).toBeGreaterThan(300);
      const problems: string[] = [];
      // Every fifth card (branches, months and states all occur): the one-meeting path is slow.
      for (const card of cards.filter((_, index) => index % 5 === 0)) {
        const meeting = card.meeting;
        const { facts } = await deriveMeetingFacts(tx, meeting);
        if (!isDeepStrictEqual({ ...facts }, card.facts)) problems.push(`${meeting.id}: facts ${JSON.stringify(card.facts)} ≠ ${JSON.stringify(facts)}`);
        const choice = await rubricForMeeting(tx, tenant.id, { branchPath: meeting.branch.path, kind: meeting.kind, day: meetingDay(meeting) });
        if (choice?.row.id !== card.rubricId) problems.push(`${meeting.id}: rubric ${card.rubricId} ≠ ${choice?.row.id}`);
        const result = choice && score(choice.row.rubric, facts, (card.selfMarks as { marks: Record<string, number> }).marks);
        if (result?.totalTenths !== card.selfTotalTenths || result?.level !== card.selfLevel) problems.push(`${meeting.id}: self total ${card.selfTotalTenths} ≠ ${result?.totalTenths}`);
        if (card.voteFor !== null) {
          const vote = await scoreVote(tx, meeting, { for: card.voteFor, against: card.voteAgainst ?? 0, abstain: 0 });
          if (!vote.ok || !vote.value.valid || vote.value.denominator.value !== card.voteEligible) problems.push(`${meeting.id}: vote ${card.voteFor}/${card.voteEligible} not valid`);
        }
      }
      return problems;
    },
    { timeout: 600_000 },
  );
  expect(mismatches).toEqual([]);
});

test("two seeds of the demo for the same day are the same demo", { timeout: 600_000 }, async () => {
  const runUrl = process.env.DATABASE_URL!;
  // This file's copy of the run's template holds the demo seeded for the day its tenant was created.
  const { tenantCreatedAt, ...seeded } = await demoFingerprint(runUrl);
  const fresh = await createTestDatabase("sosh_it_demo_again");
  const files = await mkdtemp(join(tmpdir(), "sosh-demo-again-"));
  let again: DemoFingerprint;
  try {
    await migrate(fresh.url);
    await closeDb();
    setDatabaseUrl(fresh.url, { embedded: false, poolMax: 4 });
    setBlobStore(new LocalBlobStore(files));
    await seedDemo({ asOf: todayUtc(tenantCreatedAt) });
    await closeDb();
    again = await demoFingerprint(fresh.url);
  } finally {
    await closeDb();
    setDatabaseUrl(runUrl, { embedded: false, poolMax: 4 });
    setBlobStore(undefined);
    await dropTestDatabase(fresh.name);
    await rm(files, { recursive: true, force: true });
  }
  const { tenantCreatedAt: _created, ...second } = again;
  expect(second.cards).toEqual(seeded.cards);
  expect(second.counts).toEqual(seeded.counts);
  expect(second.meetings).toEqual(seeded.meetings);
  expect(second.oversight).toEqual(seeded.oversight);
  expect(second.dashboard).toEqual(seeded.dashboard);
});
