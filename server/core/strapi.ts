import type { Core } from '@strapi/strapi';

export type Strapi = Core.Strapi;

/** Row shape the document service hands back for our own types (JSON fields untyped). */
export type Row = Record<string, unknown> & { id: number; documentId: string; createdAt?: string; updatedAt?: string };
