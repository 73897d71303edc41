import type { Strapi } from '../core/strapi';
import { badRequest, fieldIssue, type FieldError } from '../core/errors';
import { serverMessage, type ServerMessage } from '../../shared/core/messages';
import type { ContentTypeSettings, FieldMapping } from '../../shared/settings/contract';
import { placeholdersOf } from '../../shared/settings/placeholders';
import { TEXT_ATTRIBUTE_TYPES } from '../../shared/settings/attribute-kinds';
import type { AttributeInfo, ContentTypeInfo } from '../../shared/settings/contract';
export type { AttributeInfo, ContentTypeInfo };

/** Names the URL pattern may use beyond the attributes: every entry has them. */
const BUILT_IN_URL_NAMES = ['documentId', 'locale'];
const TEXT_TYPES = TEXT_ATTRIBUTE_TYPES;
const TITLE_CANDIDATES = ['title', 'name', 'headline'];
const EXCERPT_CANDIDATES = ['excerpt', 'description', 'summary', 'intro', 'lead'];

interface RawContentType {
  uid: string;
  kind: string;
  info?: { displayName?: string };
  options?: { draftAndPublish?: boolean };
  attributes: Record<string, { type: string; multiple?: boolean }>;
}

const isMedia = (a: AttributeInfo) => a.type === 'media';
const isSingleMedia = (a: AttributeInfo) => isMedia(a) && !a.multiple;

function detectFields(attributes: AttributeInfo[]): ContentTypeInfo['detected'] {
  const pick = (candidates: string[]) =>
    candidates.find((name) => attributes.some((a) => a.name === name && TEXT_TYPES.has(a.type))) ?? null;
  return {
    title: pick(TITLE_CANDIDATES),
    excerpt: pick(EXCERPT_CANDIDATES),
    image: attributes.find(isSingleMedia)?.name ?? null,
  };
}

function describe(ct: RawContentType): ContentTypeInfo {
  const attributes = Object.entries(ct.attributes)
    .filter(([, a]) => !['password', 'relation', 'component', 'dynamiczone'].includes(a.type))
    .map(([name, a]) => ({ name, type: a.type, ...(a.type === 'media' ? { multiple: Boolean(a.multiple) } : {}) }));
  return {
    uid: ct.uid,
    displayName: ct.info?.displayName ?? ct.uid,
    draftAndPublish: Boolean(ct.options?.draftAndPublish),
    attributes,
    detected: detectFields(attributes),
  };
}

/** The app's `api::` collection types, the only ones an editor writes articles in. */
export function listSiteContentTypes(strapi: Strapi): ContentTypeInfo[] {
  return Object.values(strapi.contentTypes as unknown as Record<string, RawContentType>)
    .filter((ct) => ct.uid.startsWith('api::') && ct.kind === 'collectionType')
    .map(describe)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

export function siteContentType(strapi: Strapi, uid: string): ContentTypeInfo | null {
  return listSiteContentTypes(strapi).find((ct) => ct.uid === uid) ?? null;
}

/** The mapping in effect: what the settings name, else what was detected. */
export function effectiveFields(info: ContentTypeInfo, fields: FieldMapping): ContentTypeInfo['detected'] {
  return {
    title: fields.title ?? info.detected.title,
    excerpt: fields.excerpt ?? info.detected.excerpt,
    image: fields.image ?? info.detected.image,
  };
}

/**
 * What zod cannot know: the type exists in this app, the pattern and mapping
 * name its real attributes, auto-share has accounts and a type that publishes.
 * Every problem is reported, each at its own path, before anything is stored.
 */
export function assertContentTypesValid(strapi: Strapi, contentTypes: ContentTypeSettings[], existingAccounts: Set<string>): void {
  const errors: FieldError[] = [];
  const add = (path: Array<string | number>, message: ServerMessage, code: string) =>
    errors.push(fieldIssue(['contentTypes', ...path], message, code));
  const seen = new Set<string>();
  contentTypes.forEach((settings, i) => {
    if (seen.has(settings.uid)) add([i, 'uid'], serverMessage('content_type_twice', { uid: settings.uid }), 'duplicate');
    seen.add(settings.uid);
    const info = siteContentType(strapi, settings.uid);
    if (!info) {
      add([i, 'uid'], serverMessage('content_type_unknown', { uid: settings.uid }), 'unknown_content_type');
      return;
    }
    const byName = new Map(info.attributes.map((a) => [a.name, a]));
    if (settings.urlPattern) {
      for (const name of placeholdersOf(settings.urlPattern)) {
        if (!byName.has(name) && !BUILT_IN_URL_NAMES.includes(name)) {
          add(
            [i, 'urlPattern'],
            serverMessage('url_placeholder_unknown', { placeholder: `{${name}}`, type: info.displayName }),
            'unknown_attribute'
          );
        } else if (
          byName.has(name) &&
          !TEXT_TYPES.has(byName.get(name)!.type) &&
          !['integer', 'biginteger', 'date'].includes(byName.get(name)!.type)
        ) {
          add([i, 'urlPattern'], serverMessage('url_placeholder_unusable', { placeholder: `{${name}}` }), 'unusable_attribute');
        }
      }
    }
    (['title', 'excerpt'] as const).forEach((key) => {
      const name = settings.fields[key];
      if (name && !TEXT_TYPES.has(byName.get(name)?.type ?? ''))
        add([i, 'fields', key], serverMessage('field_not_text', { field: name, type: info.displayName }), 'unknown_attribute');
    });
    const image = settings.fields.image;
    if (image && !(byName.get(image) && isMedia(byName.get(image)!)))
      add([i, 'fields', 'image'], serverMessage('field_not_media', { field: image, type: info.displayName }), 'unknown_attribute');
    const auto = settings.autoShare;
    if (auto.enabled) {
      if (!info.draftAndPublish)
        add([i, 'autoShare', 'enabled'], serverMessage('auto_share_never_published', { type: info.displayName }), 'no_draft_and_publish');
      if (!auto.accountIds.length) add([i, 'autoShare', 'accountIds'], serverMessage('auto_share_no_account'), 'no_account');
      if (!auto.template.trim()) add([i, 'autoShare', 'template'], serverMessage('auto_share_template_empty'), 'empty');
    }
    auto.accountIds.forEach((id, j) => {
      if (!existingAccounts.has(id)) add([i, 'autoShare', 'accountIds', j], serverMessage('account_missing'), 'not_found');
    });
  });
  if (errors.length) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    const first = errors[0];
    const text = `${first.path.join('.')}: ${first.message}${more}`;
    throw badRequest(first.messageId ? { code: first.messageId, params: first.params ?? {}, text } : text, errors, first.code);
  }
}
