import type { ReactNode } from "react";
import { PARTY_NAME, type DocBlock, type DocRun, type OfficialDocument, type Signature } from "@/lib/documents/model";

// The official document as HTML, laid out like the DOCX (Times New Roman, A4 proportions). Shown
// on screen as a sheet of paper and printed as it is (see the print styles of the print page).

function Runs({ runs }: { runs: DocRun[] }) {
  return (
    <>
      {runs.map((run, index) => {
        let node: ReactNode = run.text;
        if (run.bold) node = <strong>{node}</strong>;
        if (run.italic) node = <em>{node}</em>;
        return <span key={index}>{node}</span>;
      })}
    </>
  );
}

function Block({ block }: { block: DocBlock }) {
  switch (block.kind) {
    case "heading":
      return <p className={`mt-4 mb-1 font-bold ${block.align === "center" ? "text-center" : ""}`}>{block.text}</p>;
    case "paragraph":
      return (
        <p className="my-1 indent-[10mm] text-justify">
          <Runs runs={block.runs} />
        </p>
      );
    case "list":
      return (
        <>
          {block.items.map((item, index) => (
            <p key={index} className="my-1 indent-[10mm] text-justify">
              {"- "}
              <Runs runs={item} />
            </p>
          ))}
        </>
      );
    case "table":
      return (
        <div className="my-2 overflow-x-auto">
          <table className="w-full border-collapse text-[12pt]">
            <thead>
              <tr>
                {block.columns.map((column) => (
                  <th key={column.title} scope="col" className="border border-black px-2 py-1 text-left" style={{ width: `${column.width}%` }}>
                    {column.title}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, index) => (
                <tr key={index}>
                  {row.map((cell, i) => (
                    <td key={i} className="border border-black px-2 py-1 align-top">
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function SignatureColumn({ signature }: { signature: Signature | null }) {
  if (!signature) return <div />;
  return (
    <div className="text-center">
      {signature.lines.map((line) => (
        <p key={line} className="font-bold">
          {line}
        </p>
      ))}
      <div className="h-24" aria-hidden="true" />
      <p className="font-bold">{signature.name ?? ""}</p>
    </div>
  );
}

export function OfficialDocumentView({ doc, recipientsLabel }: { doc: OfficialDocument; recipientsLabel: string }) {
  return (
    <article
      className="official-document mx-auto w-full max-w-[210mm] bg-white px-4 py-6 font-serif text-[13pt] leading-snug text-black shadow-sm sm:px-[15mm] sm:py-[20mm] sm:pl-[30mm]"
      style={{ fontFamily: '"Times New Roman", Times, serif' }}
    >
      <header className="grid grid-cols-1 gap-4 sm:grid-cols-[45%_55%]">
        <div className="text-center text-[12pt] sm:text-[13pt]">
          {doc.header.superior ? <p>{doc.header.superior}</p> : null}
          <p className="font-bold">{doc.header.issuer}</p>
          <p>*</p>
          <p>{doc.header.number}</p>
        </div>
        <div className="text-center">
          <p className="font-bold underline underline-offset-4 sm:text-[15pt]">{PARTY_NAME}</p>
          <p className="mt-3 italic">{doc.header.placeDate}</p>
        </div>
      </header>
      <h1 className="mt-6 text-center text-[16pt] font-bold">{doc.title}</h1>
      {doc.subtitle ? <p className="text-center font-bold">{doc.subtitle}</p> : null}
      <p className="mb-4 text-center">-----</p>
      {doc.blocks.map((block, index) => (
        <Block key={index} block={block} />
      ))}
      <footer className="mt-8 grid grid-cols-2 gap-4 break-inside-avoid">
        {doc.recipients ? (
          <div className="text-[11pt]">
            <p className="font-bold italic underline">{recipientsLabel}</p>
            {doc.recipients.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ) : (
          <SignatureColumn signature={doc.signatures.left} />
        )}
        <SignatureColumn signature={doc.signatures.right} />
      </footer>
    </article>
  );
}
