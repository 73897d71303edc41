import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { notFound, fieldError } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { lint, loadTwitterText, type LintRules, type Network } from '../../shared/linter';
import type { EditorialLineInput, KpiTargets } from '../../shared/strategy/contract';
import type { EditorialLine } from '../../shared/strategy/contract';
export type { EditorialLine };

const arr = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : []);

export function toEditorialLine(row: Row): EditorialLine {
  const hashtags = (row.hashtags ?? {}) as Partial<EditorialLineInput['hashtags']>;
  const accounts = row.accounts as { count?: number } | unknown[] | undefined;
  return {
    documentId: row.documentId,
    name: String(row.name ?? ''),
    description: String(row.description ?? ''),
    audience: String(row.audience ?? ''),
    personas: arr(row.personas),
    tone: String(row.tone ?? ''),
    guidelines: String(row.guidelines ?? ''),
    pillars: arr(row.pillars),
    hashtags: { required: arr(hashtags.required), suggested: arr(hashtags.suggested) },
    bannedWords: arr(row.bannedWords),
    languages: arr(row.languages),
    frequencyTargets: arr(row.frequencyTargets),
    campaignTargets: arr(row.campaignTargets),
    kpiTargets:
      row.kpiTargets && typeof row.kpiTargets === 'object' && !Array.isArray(row.kpiTargets) ? (row.kpiTargets as KpiTargets) : {},
    accountCount: Array.isArray(accounts) ? accounts.length : (accounts?.count ?? 0),
    createdAt: String(row.createdAt),
    updatedAt: String(row.updatedAt),
  };
}

export default ({ strapi }: { strapi: Strapi }) => {
  const documents = () => strapi.documents(UID.editorialLine);

  async function assertNameFree(name: string, exceptDocumentId?: string) {
    const same = (await documents().findMany({ fields: ['name'], filters: { name: { $eqi: name } } })) as unknown as Row[];
    if (same.some((row) => row.documentId !== exceptDocumentId)) {
      throw fieldError('name', serverMessage('line_name_taken', { name }), 'duplicate');
    }
  }

  async function findRow(documentId: string): Promise<Row> {
    const row = (await documents().findOne({ documentId, populate: { accounts: { count: true } } as never })) as unknown as Row | null;
    if (!row) throw notFound('Editorial line', serverMessage('line_not_found'));
    return row;
  }

  return {
    async list(): Promise<EditorialLine[]> {
      const rows = (await documents().findMany({ sort: 'name:asc', populate: { accounts: { count: true } } as never })) as unknown as Row[];
      return rows.map(toEditorialLine);
    },

    async get(documentId: string): Promise<EditorialLine> {
      return toEditorialLine(await findRow(documentId));
    },

    async exists(documentId: string): Promise<boolean> {
      return (await documents().findOne({ documentId, fields: ['name'] })) !== null;
    },

    async create(input: EditorialLineInput): Promise<EditorialLine> {
      await assertNameFree(input.name);
      const row = (await documents().create({ data: input as never })) as unknown as Row;
      return this.get(row.documentId);
    },

    async update(documentId: string, input: EditorialLineInput): Promise<EditorialLine> {
      await findRow(documentId);
      await assertNameFree(input.name, documentId);
      await documents().update({ documentId, data: input as never });
      return this.get(documentId);
    },

    async remove(documentId: string): Promise<{ documentId: string }> {
      await findRow(documentId);
      await documents().delete({ documentId });
      return { documentId };
    },

    async rules(documentId: string): Promise<LintRules> {
      const line = await this.get(documentId);
      return { bannedWords: line.bannedWords, requiredHashtags: line.hashtags.required, suggestedHashtags: line.hashtags.suggested };
    },

    async lint(input: { text: string; network: Network; editorialLineId?: string | null; limit?: number }) {
      const rules = input.editorialLineId ? await this.rules(input.editorialLineId) : null;
      await loadTwitterText();
      return lint({ text: input.text, network: input.network, rules, limit: input.limit });
    },
  };
};
