/**
 * What a sign-in's option holds, by its name (the ports' `options`): the
 * route contract checks a saved value with it, Settings picks the field's kind.
 * No zod here: the admin imports this module.
 */

/**
 * An API version as a network's paths carry it (Graph's `v24.0`): what an
 * option named `…Version` holds. The adapters read it with the same rule
 * (server/networks/meta/graph.ts), so a value saved is a value used.
 */
export const API_VERSION = /^v\d{1,3}\.\d{1,2}$/;

/** An option named `…Version` is a version; every other one is a server's web address. */
export const isVersionOption = (name: string) => /Version$/.test(name);
