import { HttpError } from '../../server/core/errors';
import { badInputRoutes, type BadInputIds } from '../helpers/bad-input-routes';
import { generateLabelledBadPayloads, sampleBadPayloads, type BadPayload } from '../helpers/bad-payloads';

/**
 * The full generated set, 1,000 bad payloads per write route, through the zod
 * schema each route's controller parses its body with (the code the HTTP layer
 * calls): each is refused with a 400 naming a field. The API suite
 * (tests/api/bad-input.test.ts) sends a sample of every field and failure kind
 * over HTTP on each database, and checks the database is unchanged.
 */
const PER_ROUTE = 1000;

// Well-formed document ids: what is checked here is the body, not whether they exist.
const ids: BadInputIds = {
  lineId: 'line0000000001',
  accountId: 'account0000001',
  planId: 'plan0000000001',
  sourceId: 'source00000001',
  alertId: 'alert000000001',
  publicationId: 'publication001',
  articleId: 'article0000001',
};

/** What parsing the body gave: the 400's field errors, or null when the schema let it through. */
function refusal(parseBody: (body: BadPayload['payload']) => unknown, payload: BadPayload['payload']) {
  try {
    parseBody(payload);
    return null;
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    return { status: err.status, named: err.errors.length > 0 };
  }
}

/**
 * Bodies Strapi's JSON parser refuses before any controller runs (strict mode:
 * only objects and arrays): their 400 is checked over HTTP, in the sample.
 */
const reachesController = (payload: BadPayload['payload']) => payload !== null && typeof payload === 'object';

describe('bad input is refused by the route schemas', () => {
  const routes = badInputRoutes(ids);

  it.each(routes)('$label: the valid body passes its schema (so each refusal below is the mutation)', ({ shape, parseBody }) => {
    expect(refusal(parseBody, shape.valid)).toBeNull();
  });

  it.each(routes)(
    '$label: 1,000 bad payloads are each refused with 400 naming a field, or need the database and are in the HTTP sample',
    ({ shape, parseBody }) => {
      const sample = new Set(sampleBadPayloads(shape).map((p) => JSON.stringify(p.payload)));
      const unexpected: BadPayload[] = [];
      for (const bad of generateLabelledBadPayloads(shape, PER_ROUTE)) {
        if (!reachesController(bad.payload)) continue;
        const result = refusal(parseBody, bad.payload);
        if (result) {
          if (result.status !== 400 || !result.named) unexpected.push(bad);
          // Only the route-specific cases may need the database (an id that does not exist, a content type's fields): the HTTP sample sends each of them.
        } else if (bad.kind !== 'special' || !sample.has(JSON.stringify(bad.payload))) {
          unexpected.push(bad);
        }
      }
      expect(unexpected.slice(0, 3)).toEqual([]);
    }
  );
});
