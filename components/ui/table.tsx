// Table primitives: a header row of column headers, each with its own alignment and spacing.
import type { ReactNode } from "react";

/** `<tr>` of `<th scope="col">`s; `cells` give each header's text and classes. */
export function HeaderRow({ className, cells }: { className?: string; cells: readonly { label: ReactNode; className: string }[] }) {
  return (
    <tr className={className}>
      {cells.map((cell, index) => (
        <th key={index} scope="col" className={cell.className}>
          {cell.label}
        </th>
      ))}
    </tr>
  );
}
