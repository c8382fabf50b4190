"use client";

import clsx from "clsx";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Badge } from "@/components/ui/badge";
import type { OrgTreeNode } from "@/lib/org/tree";

function initiallyOpen(roots: OrgTreeNode[], searching: boolean): Set<string> {
  const open = new Set<string>();
  const walk = (nodes: OrgTreeNode[], level: number) => {
    for (const node of nodes) {
      if (node.children.length === 0) continue;
      // Browsing: the top level is open. Searching: every ancestor of a hit is open.
      if (searching || level === 0) open.add(node.id);
      if (searching) walk(node.children, level + 1);
    }
  };
  walk(roots, 0);
  return open;
}

/**
 * The org tree as nested lists with disclosure buttons (aria-expanded / aria-controls) rather than
 * <details>, so that each name can be a plain link to its page without nesting it in a toggle.
 * Collapsed groups stay in the page (hidden); the service caps how many units are sent.
 */
export function OrgTree({ roots, searching }: { roots: OrgTreeNode[]; searching: boolean }) {
  const [open, setOpen] = useState(() => initiallyOpen(roots, searching));
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <ul className="flex flex-col gap-1">
      {roots.map((node) => (
        <TreeItem key={node.id} node={node} open={open} onToggle={toggle} />
      ))}
    </ul>
  );
}

function TreeItem({
  node,
  open,
  onToggle,
}: {
  node: OrgTreeNode;
  open: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const t = useTranslations();
  const groupId = useId();
  const expandable = node.children.length > 0;
  const expanded = expandable && open.has(node.id);
  return (
    <li>
      <div
        className={clsx(
          "flex items-start gap-1 rounded-lg py-1 pr-2",
          node.matched && "bg-warning-50 ring-1 ring-warning-600/30",
        )}
      >
        {expandable ? (
          <button
            type="button"
            aria-expanded={expanded}
            aria-controls={groupId}
            aria-label={t(expanded ? "org.collapse" : "org.expand", { name: node.name })}
            onClick={() => onToggle(node.id)}
            className="flex size-11 shrink-0 items-center justify-center rounded-lg text-ink-700 hover:bg-ink-100"
          >
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              className={clsx("size-5 transition-transform", expanded && "rotate-90")}
              fill="currentColor"
            >
              <path d="M7.2 4.2a1 1 0 0 1 1.4 0l5.1 5.1a1 1 0 0 1 0 1.4l-5.1 5.1a1 1 0 1 1-1.4-1.4L11.6 10 7.2 5.6a1 1 0 0 1 0-1.4Z" />
            </svg>
          </button>
        ) : (
          <span aria-hidden="true" className="flex size-11 shrink-0 items-center justify-center">
            <span className="size-1.5 rounded-full bg-ink-400" />
          </span>
        )}
        <div className="flex min-w-0 flex-1 flex-col gap-1 py-2">
          <Link
            href={`/org/${node.id}`}
            className={clsx(
              "text-lg leading-snug font-semibold underline-offset-4 hover:underline",
              node.active ? "text-ink-950" : "text-ink-600",
            )}
          >
            {node.name}
          </Link>
          <p className="text-sm text-ink-700">
            {t(`orgKind.${node.kind}`)}
            {node.category ? ` · ${t(`orgCategory.${node.category}`)}` : null}
            {!node.active ? (
              <>
                {" "}
                <Badge tone="muted">{t("org.inactive")}</Badge>
              </>
            ) : null}
            {node.matched ? <span className="sr-only"> ({t("org.match")})</span> : null}
          </p>
          <p className="flex flex-wrap gap-x-3 gap-y-1 text-base text-ink-800">
            {!node.isBranch ? <span>{t("org.branchCount", { count: node.branchCount })}</span> : null}
            <span>{t("org.memberCount", { count: node.memberCount })}</span>
          </p>
          {!expandable && node.childCount > 0 ? (
            <Link href={`/org/${node.id}`} className="self-start text-base font-semibold text-brand-800 underline">
              {t("org.childrenHidden", { count: node.childCount })}
            </Link>
          ) : null}
        </div>
      </div>
      {expandable ? (
        <ul
          id={groupId}
          hidden={!expanded}
          className="ml-5 flex flex-col gap-1 border-l-2 border-ink-200 pl-2 sm:ml-6 sm:pl-3"
        >
          {node.children.map((child) => (
            <TreeItem key={child.id} node={child} open={open} onToggle={onToggle} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}
