import { execFile } from 'node:child_process';
import path from 'node:path';

/**
 * The text of a PDF, page by page, as a real reader extracts it: Mozilla's
 * pdf.js (pdfjs-dist, legacy build for Node). pdf.js is an ES module, which
 * jest's CommonJS sandbox cannot import, so it runs in a child Node process
 * that reads the file from stdin and prints JSON.
 */
const SCRIPT = `
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false }).promise;
const pages = [];
let paths = 0;
let images = 0;
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  pages.push(content.items.map((item) => item.str + (item.hasEOL ? '\\n' : ' ')).join(''));
  const ops = await page.getOperatorList();
  for (const fn of ops.fnArray) {
    if (fn === OPS.constructPath) paths++;
    if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) images++;
  }
}
const meta = await doc.getMetadata();
process.stdout.write(JSON.stringify({ pages, paths, images, title: meta.info.Title ?? null }));
`;

export interface PdfContent {
  /** each page's text, in reading order */
  pages: string[];
  /** vector paths drawn (lines, rectangles, curves) and images painted, over all pages */
  paths: number;
  images: number;
  /** the document's Title property */
  title: string | null;
}

export function readPdf(bytes: Buffer): Promise<PdfContent> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '-e', SCRIPT],
      { cwd: path.resolve(__dirname, '..', '..'), maxBuffer: 64 * 1024 * 1024, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`pdf.js could not read the PDF: ${stderr || error.message}`));
        else resolve(JSON.parse(stdout) as PdfContent);
      }
    );
    child.stdin!.end(bytes);
  });
}
