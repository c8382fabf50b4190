// Read side of the org tree for the UI: the subtree(s) a user may read with branch and member
// counts per node, one unit's detail, and the units a user's roles are granted on.
// Two queries load a whole scope (units by path prefix, member counts grouped by branch); the tree
// and its roll-ups are assembled in memory, which stays fast for ~12,000 units / 300,000 members.
import { hasCommitteeOn, type CommitteeOn } from "@/lib/org/committee";
import { authorize, scopeRoots, type Principal } from "@/lib/auth/permissions";
import { isUuid, withTenant, withTenantReads } from "@/lib/db/tenant";
import type { OrgUnitCategory, OrgUnitKind, Role } from "@/lib/generated/prisma/enums";
import { foldForSearch } from "@/lib/i18n/format";
import { BRANCH_UNIT_KINDS, isOpenOn } from "@/lib/org/unit-rules";
import { todayInVietnam } from "@/lib/time/days";

/** Units that hold meetings ("branch" in the glossary). */

/** Above this many units the tree is cut at a whole depth level; deeper units are reached per unit. */
export const TREE_NODE_BUDGET = 1500;
/** At most this many search hits are shown (with their ancestors). */
export const SEARCH_RESULT_LIMIT = 200;

export interface OrgTreeNode {
  id: string;
  name: string;
  kind: OrgUnitKind;
  /** Holds meetings (GRASSROOTS_BRANCH or BRANCH). */
  isBranch: boolean;
  category: OrgUnitCategory | null;
  depth: number;
  /** False once the unit's last active day (`activeTo`, inclusive) has passed in Vietnam. */
  active: boolean;
  /** Active branches in the subtree, the unit itself included. */
  branchCount: number;
  /** Members on the roll (not ended) whose current branch is in the subtree. */
  memberCount: number;
  /** Direct children that exist (may be more than `children` when the tree was cut). */
  childCount: number;
  children: OrgTreeNode[];
  /** Search mode: the unit's name matches the query (otherwise it is shown as an ancestor). */
  matched: boolean;
}

export interface OrgTree {
  roots: OrgTreeNode[];
  totals: { units: number; branches: number; members: number };
  /** Some units were left out of `roots` to keep the page small (see TREE_NODE_BUDGET). */
  truncated: boolean;
  search: { query: string; matches: number; shown: number } | null;
  /** Closed units in scope (left out of the tree unless `includeClosed`). */
  closedCount: number;
}

const unitSelect = {
  id: true,
  parentId: true,
  name: true,
  kind: true,
  category: true,
  path: true,
  depth: true,
  activeTo: true,
} as const;

interface UnitRow {
  id: string;
  parentId: string | null;
  name: string;
  kind: OrgUnitKind;
  category: OrgUnitCategory | null;
  path: string;
  depth: number;
  activeTo: Date | null;
}

interface WorkNode extends OrgTreeNode {
  parentId: string | null;
  all: WorkNode[];
  folded: string;
}

const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/** `today` is a calendar day in Vietnam (todayInVietnam); `activeTo` is the last active day. */
function isActive(activeTo: Date | null, today: Date): boolean {
  return isOpenOn({ activeTo }, today);
}

function byName(a: { name: string }, b: { name: string }): number {
  return collator.compare(a.name, b.name);
}

/**
 * The tree of units the user may read (`org.read`), or null when they may read none.
 * With `q`, only units whose name contains it (accent- and case-insensitive) and their
 * ancestors are returned; counts always describe the full subtree.
 */
export async function getOrgTree(
  user: Principal,
  options: { q?: string | null; includeClosed?: boolean } = {},
): Promise<OrgTree | null> {
  const roots = scopeRoots(user, "org.read");
  if (roots.length === 0) return null;
  const scope = roots.map((root) => ({ path: { startsWith: root.path } }));

  const { units, counts } = await withTenant(user.tenantId, async (tx) => {
    const units: UnitRow[] = await tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, OR: scope },
      select: unitSelect,
    });
    // Members on the roll only: those who left (endedOn) are history, not members (as the dashboard counts).
    const counts = await tx.member.groupBy({
      by: ["branchId"],
      where: { tenantId: user.tenantId, endedOn: null, branch: { OR: scope } },
      _count: { _all: true },
    });
    return { units, counts };
  });

  const now = todayInVietnam();
  // Closed units (and anything left under them) are hidden unless asked for; their history stays.
  const hidden = new Set<string>();
  let closedCount = 0;
  for (const unit of [...units].sort((a, b) => a.depth - b.depth)) {
    const closed = !isActive(unit.activeTo, now);
    if (closed) closedCount += 1;
    if (!options.includeClosed && (closed || (unit.parentId !== null && hidden.has(unit.parentId)))) hidden.add(unit.id);
  }
  const nodes = new Map<string, WorkNode>();
  for (const unit of units) {
    if (hidden.has(unit.id)) continue;
    const active = isActive(unit.activeTo, now);
    const isBranch = BRANCH_UNIT_KINDS.includes(unit.kind);
    nodes.set(unit.id, {
      id: unit.id,
      parentId: unit.parentId,
      name: unit.name,
      kind: unit.kind,
      isBranch,
      category: unit.category,
      depth: unit.depth,
      active,
      branchCount: active && isBranch ? 1 : 0,
      memberCount: 0,
      childCount: 0,
      children: [],
      all: [],
      matched: false,
      folded: "",
    });
  }
  for (const row of counts) {
    const node = nodes.get(row.branchId);
    if (node) node.memberCount += row._count._all;
  }

  // Link children to parents; a unit whose parent is outside the scope is a root of the view.
  const top: WorkNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.all.push(node);
    else top.push(node);
  }
  // Roll counts up, deepest first.
  const deepestFirst = [...nodes.values()].sort((a, b) => b.depth - a.depth);
  for (const node of deepestFirst) {
    node.childCount = node.all.length;
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) {
      parent.branchCount += node.branchCount;
      parent.memberCount += node.memberCount;
    }
  }
  for (const node of nodes.values()) node.all.sort(byName);
  top.sort(byName);

  const totals = {
    units: nodes.size,
    branches: top.reduce((sum, node) => sum + node.branchCount, 0),
    members: top.reduce((sum, node) => sum + node.memberCount, 0),
  };

  const query = options.q?.trim() ?? "";
  if (query) {
    const needle = foldForSearch(query);
    const hits: WorkNode[] = [];
    for (const node of nodes.values()) {
      node.folded = foldForSearch(node.name);
      if (node.folded.includes(needle)) hits.push(node);
    }
    hits.sort((a, b) => a.depth - b.depth || byName(a, b));
    const shownHits = hits.slice(0, SEARCH_RESULT_LIMIT);
    const keep = new Set<string>();
    for (const hit of shownHits) {
      hit.matched = true;
      for (let node: WorkNode | undefined = hit; node && !keep.has(node.id); node = node.parentId ? nodes.get(node.parentId) : undefined) {
        keep.add(node.id);
      }
    }
    const prune = (list: WorkNode[]): OrgTreeNode[] =>
      list.filter((node) => keep.has(node.id)).map((node) => publicNode(node, prune(node.all)));
    return {
      roots: prune(top),
      totals,
      truncated: false,
      search: { query, matches: hits.length, shown: shownHits.length },
      closedCount,
    };
  }

  // Whole depth levels are included while they fit in the budget, so the cut is predictable:
  // every unit of the last level shown offers a link to its own page instead of its children.
  let maxDepth = Number.POSITIVE_INFINITY;
  const perDepth = new Map<number, number>();
  for (const node of nodes.values()) perDepth.set(node.depth, (perDepth.get(node.depth) ?? 0) + 1);
  const topDepth = Math.min(...top.map((node) => node.depth));
  let running = 0;
  for (const depth of [...perDepth.keys()].sort((a, b) => a - b)) {
    running += perDepth.get(depth)!;
    if (running > TREE_NODE_BUDGET && depth > topDepth) {
      maxDepth = depth - 1;
      break;
    }
  }
  const build = (list: WorkNode[]): OrgTreeNode[] =>
    list.map((node) => publicNode(node, node.depth < maxDepth ? build(node.all) : []));
  return {
    roots: build(top),
    totals,
    truncated: Number.isFinite(maxDepth),
    search: null,
    closedCount,
  };
}

function publicNode(node: WorkNode, children: OrgTreeNode[]): OrgTreeNode {
  return {
    id: node.id,
    name: node.name,
    kind: node.kind,
    isBranch: node.isBranch,
    category: node.category,
    depth: node.depth,
    active: node.active,
    branchCount: node.branchCount,
    memberCount: node.memberCount,
    childCount: node.childCount,
    children,
    matched: node.matched,
  };
}

export interface OrgUnitDetail {
  id: string;
  name: string;
  code: string | null;
  kind: OrgUnitKind;
  isBranch: boolean;
  category: OrgUnitCategory | null;
  /** Has a chi ủy today, and why (lib/org/committee.ts). */
  hasCommittee: boolean;
  committee: CommitteeOn;
  activeFrom: Date;
  activeTo: Date | null;
  active: boolean;
  closeReason: string | null;
  /** The branch this one was merged into, if it was. */
  mergedInto: { id: string; name: string; readable: boolean } | null;
  /** The parent unit; `readable` says whether the user may open it. */
  parent: { id: string; name: string; readable: boolean } | null;
  children: { id: string; name: string; kind: OrgUnitKind; category: OrgUnitCategory | null; active: boolean }[];
  memberCount: number;
  branchCount: number;
  secretary: { fullName: string; since: Date } | null;
}

/**
 * One unit as seen by a user with `org.read` on it. Null for anything the user must not learn
 * about: a malformed id, a unit of another tenant (row-level security hides it), or a unit
 * outside the user's subtrees. Callers answer 404 in every case.
 */
export async function getOrgUnitDetail(user: Principal, id: string): Promise<OrgUnitDetail | null> {
  if (!isUuid(id)) return null;
  return withTenant(user.tenantId, async (tx) => {
    const unit = await tx.orgUnit.findUnique({
      where: { tenantId_id: { tenantId: user.tenantId, id } },
      select: {
        id: true,
        tenantId: true,
        name: true,
        code: true,
        kind: true,
        category: true,
        path: true,
        activeFrom: true,
        activeTo: true,
        closeReason: true,
        mergedInto: { select: { id: true, name: true, path: true } },
        parent: { select: { id: true, name: true, path: true } },
      },
    });
    if (!unit || !authorize(user, "org.read", unit)) return null;

    const now = todayInVietnam();
    const [children, memberCount, branchCount, secretary] = await Promise.all([
      tx.orgUnit.findMany({
        where: { tenantId: user.tenantId, parentId: unit.id },
        select: { id: true, name: true, kind: true, category: true, activeTo: true },
      }),
      tx.member.count({ where: { tenantId: user.tenantId, endedOn: null, branch: { path: { startsWith: unit.path } } } }),
      tx.orgUnit.count({
        where: {
          tenantId: user.tenantId,
          path: { startsWith: unit.path },
          kind: { in: [...BRANCH_UNIT_KINDS] },
          OR: [{ activeTo: null }, { activeTo: { gte: now } }],
        },
      }),
      tx.position.findFirst({
        where: { tenantId: user.tenantId, orgUnitId: unit.id, kind: "SECRETARY", termTo: null },
        orderBy: { termFrom: "desc" },
        select: { termFrom: true, member: { select: { fullName: true } } },
      }),
    ]);

    const committee = await hasCommitteeOn(tx, user.tenantId, unit.id, now);
    return {
      id: unit.id,
      name: unit.name,
      code: unit.code,
      kind: unit.kind,
      isBranch: BRANCH_UNIT_KINDS.includes(unit.kind),
      category: unit.category,
      hasCommittee: committee.hasCommittee,
      committee,
      activeFrom: unit.activeFrom,
      activeTo: unit.activeTo,
      active: isActive(unit.activeTo, now),
      closeReason: unit.closeReason,
      mergedInto: unit.mergedInto
        ? { id: unit.mergedInto.id, name: unit.mergedInto.name, readable: authorize(user, "org.read", unit.mergedInto) }
        : null,
      parent: unit.parent
        ? { id: unit.parent.id, name: unit.parent.name, readable: authorize(user, "org.read", unit.parent) }
        : null,
      children: children
        .map((child) => ({
          id: child.id,
          name: child.name,
          kind: child.kind,
          category: child.category,
          active: isActive(child.activeTo, now),
        }))
        .sort(byName),
      memberCount,
      branchCount,
      secretary: secretary ? { fullName: secretary.member.fullName, since: secretary.termFrom } : null,
    };
  });
}

export interface GrantedUnit {
  role: Role;
  orgUnitId: string;
  unitName: string;
  unitKind: OrgUnitKind;
}

/** The user's own role grants with the names of the units they are granted on. */
export async function getGrantedUnits(user: Principal): Promise<GrantedUnit[]> {
  if (user.grants.length === 0) return [];
  const ids = [...new Set(user.grants.map((grant) => grant.orgUnitId))];
  const units = await withTenantReads(user.tenantId, (tx) =>
    tx.orgUnit.findMany({
      where: { tenantId: user.tenantId, id: { in: ids } },
      select: { id: true, name: true, kind: true },
    }),
  );
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const result: GrantedUnit[] = [];
  for (const grant of user.grants) {
    const unit = byId.get(grant.orgUnitId);
    if (unit) result.push({ role: grant.role, orgUnitId: unit.id, unitName: unit.name, unitKind: unit.kind });
  }
  return result;
}
