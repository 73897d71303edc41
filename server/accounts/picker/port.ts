import type { z } from 'zod';
import type { Row } from '../../core/strapi';
import type { ServerMessage, ServerMessageCode } from '../../../shared/core/messages';
import type { NetworkFetch, Secrets } from '../../networks/types';

/**
 * What a network with pages writes to get a page picker (docs/adding-a-network.md,
 * "A page picker"): how to list what the signed-in person manages, and how
 * one chosen entry becomes an account. The core (./service.ts) does the rest
 * once for every network: finding and opening the sign-in, marking what is
 * connected already, refusing an entry the person does not manage, sealing
 * the chosen ones' secrets under their own vault keys, creating or renewing
 * their accounts, and the routes with their RBAC action.
 */

/** The sign-in the picker lists from: its row (with its editorial line), its opened secrets, its settings. */
export interface PickerSignIn {
  row: Row;
  secrets: Secrets;
  settings: Record<string, unknown>;
}

/** One entry the sign-in could connect, as the port read it from the network. */
export type PickerCandidate<Item, Choice> = {
  /** its id on the network: the account's `networkAccountId`, and what the connect route takes */
  key: string;
  /** what the answer shows of it (never a token); the core adds `accountId` */
  choice: Choice;
} & (
  | {
      /** what the port needs to make it an account (its tokens stay on the server) */
      item: Item;
    }
  | {
      /**
       * Why it cannot be connected now: its details did not load (one refused
       * call among many). It is listed with the reason, and refused if asked
       * for; the others load as usual.
       */
      unavailable: ServerMessage;
    }
);

/** One chosen entry as an account: what the network decides. The core writes status, lease, vault key and the rest. */
export interface PickedAccount {
  /** sealed under the account's own vault key */
  secrets: Secrets;
  /** the account's name when it is created (an existing account keeps the name someone gave it) */
  name: string;
  handle: string;
  displayName: string;
  profileUrl: string;
  /** only when the network gives one (absent: an existing account keeps its own) */
  avatarUrl?: string | null;
  /** when the copied token ends and is refreshed: null for a token that does not expire */
  tokenExpiresAt: unknown;
  oauthRefreshAt: unknown;
  oauthGrantEndsAt: unknown;
  /** the network's own settings, over the account's (`oauth: true` is the core's) */
  settings: Record<string, unknown>;
}

export interface PickerPort<Item, Choice extends object> {
  /** the network's id (its profile's): the routes are `/<network>/accounts/:documentId/pages` */
  network: string;
  /** the request's body (`{ ids }`, `{ urns }`): the list of keys under the profile's `pages.body` */
  input: z.ZodType<Record<string, string[]>>;
  /** the secret listing needs; a sign-in made before the picker existed may lack it */
  needs?: string;
  /** whether an account of the network is a sign-in this picker lists from (Instagram: not an Instagram Login one); all when absent */
  accepts?(settings: Record<string, unknown>): boolean;
  messages: {
    /** the account is not this network's sign-in, or its secrets cannot be opened (400, `code`) */
    notSignIn: { message: ServerMessageCode; code: string };
    /** with `needs`: the sign-in kept no such secret (400 `sign_in_again`) */
    signInAgain?: ServerMessageCode;
    /** a key the person does not manage: 400 on `<body>[i]`, the key given as `param` */
    notOwned: { message: ServerMessageCode; param: string; code: string };
    /** the network refused or did not answer the list (502, this code, with the reason as `message`) */
    unavailable: ServerMessageCode;
  };
  /**
   * What the signed-in person manages now, read from the network (never from
   * what the sign-in stored). Throws only when the list itself cannot be read
   * (the core answers 502); an entry whose own details fail is `unavailable`.
   */
  list(signIn: PickerSignIn, fetch: NetworkFetch): Promise<Array<PickerCandidate<Item, Choice>>>;
  /** a chosen entry as an account; `all` is every entry that can be connected (a network may keep them in the settings) */
  account(item: Item, signIn: PickerSignIn, all: readonly Item[]): PickedAccount;
  /**
   * What the network does once a chosen entry becomes an account, or is
   * renewed (Facebook: the app subscribed to the page's webhook with the
   * page's token): the settings it adds, over `account`'s. Never throws: a
   * failure is a setting the admin shows, not a refused connection.
   */
  connected?(item: Item, signIn: PickerSignIn, fetch: NetworkFetch): Promise<Record<string, unknown>>;
}
