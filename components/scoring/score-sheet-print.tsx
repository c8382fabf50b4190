// The score sheet as printed from its print page (/meetings/{id}/score/print): the same model as
// the DOCX (lib/documents/score-sheet.ts), on screen as a white A4-like sheet and on paper alone.
import clsx from "clsx";
import { PARTY_NAME } from "@/lib/documents/model";
import type { ScoreSheet } from "@/lib/documents/score-sheet";

export function ScoreSheetPrint({ sheet }: { sheet: ScoreSheet }) {
  const total = sheet.columns.reduce((sum, c) => sum + c.width, 0);
  return (
    <article className="score-sheet mx-auto max-w-[210mm] overflow-x-auto bg-white p-4 font-serif text-[12pt] leading-snug text-black shadow-sm sm:p-8 print:max-w-none print:overflow-visible print:p-0 print:shadow-none">
      <header className="grid grid-cols-[45%_55%] text-center">
        <div>
          {sheet.header.superior ? <p>{sheet.header.superior}</p> : null}
          <p className="font-bold">{sheet.header.issuer}</p>
          <p>*</p>
        </div>
        <div>
          <p className="font-bold underline">{PARTY_NAME}</p>
          <p className="mt-3 italic">{sheet.header.placeDate}</p>
        </div>
      </header>
      <h2 className="mt-6 text-center text-[14pt] font-bold">{sheet.title}</h2>
      <p className="mb-3 text-center">-----</p>
      {sheet.facts.map((f) => (
        <p key={f.label}>
          <span className="font-bold">{f.label}: </span>
          {f.text}
        </p>
      ))}
      <table className="mt-3 w-full table-fixed border-collapse text-[11pt]">
        <colgroup>
          {sheet.columns.map((c) => (
            <col key={c.title} style={{ width: `${(100 * c.width) / total}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {sheet.columns.map((c) => (
              <th key={c.title} scope="col" className="border border-black px-1 py-0.5 font-bold">
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sheet.rows.map((row, i) => (
            <tr key={i} className={clsx(row.kind !== "criterion" && "font-bold")}>
              {row.cells.map((text, j) => (
                <td key={j} className={clsx("border border-black px-1 py-0.5", j === 1 ? "text-left" : "text-center")}>
                  {text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-3 flex flex-col gap-1">
        {sheet.notes.map((n, i) => (
          <p key={i} className={clsx(n.bold && "font-bold")}>
            {n.text}
          </p>
        ))}
      </div>
      <footer className="mt-6 grid grid-cols-3 text-center">
        {sheet.signatures.map((s) => (
          <div key={s.lines.join(" ")}>
            {s.lines.map((line) => (
              <p key={line} className="font-bold">
                {line}
              </p>
            ))}
            <p className="h-20" />
            <p className="font-bold">{s.name ?? ""}</p>
          </div>
        ))}
      </footer>
    </article>
  );
}
