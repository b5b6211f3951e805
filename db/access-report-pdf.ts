import PDFDocument from "pdfkit";
import type { AccessReport } from "./access-report";
import { reportDateTime } from "./access-report-dates";
import { font, FONT_NAMES, fontFile, type FontName } from "./access-report-fonts";
import { COLUMN_LABELS, readable, TABLE_TITLES } from "./access-report-labels";
import { toPieces } from "./access-report-text";

/**
 * The access report as a printable PDF (revFADP Art. 25), drawn with pdfkit under Node: the same
 * code runs in the Electron shell, the browser mode's server and the tests. Every text a person
 * entered is drawn through toPieces (db/access-report-text.ts): in the font that has its script
 * (db/access-report-fonts.ts) and in right-to-left order where it is written so. Codes read as
 * their labels and dates as the person's language writes them (db/access-report-labels.ts).
 */

type Bilingual = { fr: string; en: string };

const TEXT = {
  title: { fr: "Vos données personnelles", en: "Your personal data" },
  subtitle: { fr: "Rapport d'accès selon l'art. 25 de la loi fédérale sur la protection des données (LPD)", en: "Access report under Art. 25 of the Swiss Federal Act on Data Protection (FADP)" },
  controller: { fr: "Responsable du traitement", en: "Controller" },
  about: { fr: "Personne concernée", en: "Data subject" },
  request: { fr: "Demande", en: "Request" },
  generated: { fr: "Établi le", en: "Issued on" },
  times: { fr: "Les heures indiquées sont celles de Genève (Suisse).", en: "Times are given in Geneva (Switzerland) time." },
  recipients: { fr: "Destinataires (sous-traitants)", en: "Recipients (service providers)" },
  noRecipients: { fr: "Aucun : vos données ne sont communiquées à aucun tiers.", en: "None: your data is not passed on to any third party." },
  purpose: { fr: "Finalité", en: "Purpose" },
  source: { fr: "Origine", en: "Source" },
  retention: { fr: "Conservation", en: "Retention" },
  none: { fr: "Aucune donnée.", en: "No data." },
  yes: { fr: "Oui", en: "Yes" },
  no: { fr: "Non", en: "No" },
  rights: {
    fr: "Vous pouvez demander la correction ou l'effacement de ces données, ou vous opposer à leur traitement, en nous contactant aux coordonnées ci-dessus. Le fichier JSON joint contient les mêmes données dans un format électronique courant (art. 28 LPD).",
    en: "You may ask us to correct or erase this data, or object to its processing, using the contact details above. The attached JSON file holds the same data in a common electronic format (Art. 28 FADP).",
  },
} satisfies Record<string, Bilingual>;

/** Points: every text a person entered is drawn at this size. */
const BODY_SIZE = 9.5;

/** Renders the report; resolves with the PDF file's bytes. */
export function renderAccessReportPdf(report: AccessReport): Promise<Buffer> {
  const l = report.language;
  const doc = new PDFDocument({ size: "A4", margin: 56, font: fontFile("body"), lang: l, info: { Title: `${TEXT.title[l]} — ${report.subject.name}`, Author: report.controller.name } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  // Registered by name, embedded only once used: a report without Chinese carries no Chinese font.
  for (const name of FONT_NAMES) doc.registerFont(name, font(name).bytes);

  /**
   * A text a person (or an administrator) entered, ending its paragraph. Every piece sits on the
   * body font's baseline (pdfkit would otherwise hang each font from its own ascender, and the
   * Noto fonts' are taller than DejaVu's); a line break in the text starts a new paragraph.
   */
  const body = font("body").face;
  const entered = (text: string, base: FontName = "body") => {
    const baseline = -(body.ascent / body.unitsPerEm) * BODY_SIZE;
    const pieces = toPieces(text, base);
    const lineHeight = doc.font(base).currentLineHeight(true);
    pieces.forEach((piece, i) => {
      if (piece.text === "\n") return;
      const last = i === pieces.length - 1 || pieces[i + 1]!.text === "\n";
      doc.font(piece.font);
      // `features` (even none) makes pdfkit lay a right-to-left piece out whole: by default it
      // shapes word by word (and caches words, which left-to-right text keeps), which reverses each
      // right-to-left word in place and leaves the words in logical order.
      // pdfkit spaces lines by the height of the font in use; the CJK and Arabic fonts are taller
      // than DejaVu, so their gap is cut to keep every line of the report the same height.
      doc.text(piece.text, { continued: !last, baseline, features: piece.rtl ? [] : undefined, lineGap: lineHeight - doc.currentLineHeight(true) });
    });
    if (pieces.length === 0) doc.text("");
    doc.font("body");
  };
  const heading = (text: string, size: number) => doc.moveDown(0.6).font("bold").fontSize(size).fillColor("#1c2b4a").text(text).font("body").fontSize(BODY_SIZE).fillColor("#222");
  const line = (label: string, value: string) => {
    doc.font("bold").text(`${label} : `, { continued: true });
    entered(value);
  };
  const yesNo = { yes: TEXT.yes[l], no: TEXT.no[l] };

  doc.font("bold").fontSize(18).fillColor("#1c2b4a").text(TEXT.title[l]);
  doc.font("body").fontSize(10).fillColor("#555").text(TEXT.subtitle[l]).fillColor("#222").fontSize(BODY_SIZE);

  const c = report.controller;
  heading(TEXT.controller[l], 12);
  entered([c.name, c.street, [c.postalCode, c.city].filter(Boolean).join(" "), c.country, c.phone, c.email].filter(Boolean).join("\n"));
  heading(TEXT.about[l], 12);
  line(TEXT.about[l], report.subject.name);
  line(TEXT.request[l], report.requestReference);
  line(TEXT.generated[l], reportDateTime(report.generatedAt, l));
  doc.fillColor("#555").text(TEXT.times[l]).fillColor("#222");
  heading(TEXT.recipients[l], 12);
  if (report.recipients.length === 0) doc.text(TEXT.noRecipients[l]);
  for (const r of report.recipients) entered(`• ${[r.name, r.purpose, r.country].filter(Boolean).join(" — ")}`);

  for (const section of report.sections) {
    heading(section.title, 13);
    line(TEXT.purpose[l], section.purpose);
    line(TEXT.source[l], section.source);
    line(TEXT.retention[l], section.retention);
    for (const table of section.tables) {
      doc.moveDown(0.3).font("bold").fontSize(10.5).text(TABLE_TITLES[table.table]?.[l] ?? table.table).font("body").fontSize(BODY_SIZE);
      if (table.rows.length === 0) doc.fillColor("#777").text(TEXT.none[l]).fillColor("#222");
      for (const row of table.rows) {
        for (const [column, value] of Object.entries(row)) line(COLUMN_LABELS[column]?.[l] ?? column, readable(table.table, column, value, row, l, yesNo));
        doc.moveDown(0.4);
      }
    }
  }
  doc.moveDown(1).fontSize(9).fillColor("#444").text(TEXT.rights[l]);
  doc.end();
  return done;
}
