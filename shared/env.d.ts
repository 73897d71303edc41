/**
 * shared/ runs both in the browser (the admin) and in Node (the server), so its
 * project has neither DOM nor Node types. What it uses from the host is declared
 * here: only the part that browsers and Node both provide, so that using a
 * browser-only or Node-only API fails the type check of shared/ itself.
 * This file belongs to `tsc -p shared` only: the server and admin projects get
 * the full declarations from their own libraries.
 */

/** WHATWG Encoding: a global in every browser and in Node since 11. */
interface TextEncoder {
  encode(input?: string): Uint8Array;
}
declare const TextEncoder: { prototype: TextEncoder; new (): TextEncoder };

/** WHATWG URL: a global in every browser and in Node since 10. Only the members shared/ reads. */
interface URL {
  readonly hostname: string;
  readonly protocol: string;
  readonly href: string;
  readonly username: string;
  readonly password: string;
  toString(): string;
}
declare const URL: { prototype: URL; new (url: string, base?: string): URL };
