// Materialized paths: "/rootId/childId/…/selfId/". A unit X is in the subtree of U exactly when
// X.path starts with U.path, which Postgres answers from the (tenantId, path text_pattern_ops) index.
export function rootPath(id: string): string {
  return `/${id}/`;
}

export function childPath(parentPath: string, id: string): string {
  return `${parentPath}${id}/`;
}

export function isInSubtree(unitPath: string, ancestorPath: string): boolean {
  return unitPath.startsWith(ancestorPath);
}

export function pathIds(path: string): string[] {
  return path.split("/").filter(Boolean);
}
