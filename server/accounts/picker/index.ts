import type { Strapi } from '../../core/strapi';
import { adminRoute } from '../../core/routes';
import { body, documentIdParam, handle, parse } from '../../core/handler';
import { ACTIONS, PLUGIN_ID } from '../../../shared/core/permissions';
import { profileOf } from '../../../shared/networks';
import { pickerService } from './service';
import type { PickerPort } from './port';

export type { PickerAnswer } from './service';
export type { PickedAccount, PickerCandidate, PickerPort, PickerSignIn } from './port';

/**
 * A network's page picker as a domain (service, controller, routes), from its
 * port alone: `GET` lists the sign-in's entries, `POST` connects the chosen
 * ones. Choosing which entries become accounts connects accounts: both
 * routes are `accounts.manage`. The request's list is named by the profile's
 * `pages.body` (`ids`, `urns`), as the admin's one dialog sends it.
 */
export function pickerDomain<Name extends string, Item, Choice extends object>(name: Name, port: PickerPort<Item, Choice>) {
  const field = profileOf(port.network)?.pages?.body;
  if (!field) throw new Error(`${PLUGIN_ID}: the ${port.network} profile has no pages rule for its picker`);
  const service = pickerService(port, field);
  type Service = ReturnType<typeof service>;
  const picker = (strapi: Strapi) => strapi.plugin(PLUGIN_ID).service(name) as Service;
  const controller = ({ strapi }: { strapi: Strapi }) => ({
    list: handle(async (ctx) => picker(strapi).list(parse(documentIdParam, ctx.params.documentId, ['documentId']))),
    connect: handle(async (ctx) =>
      picker(strapi).connect(parse(documentIdParam, ctx.params.documentId, ['documentId']), parse(port.input, body(ctx))[field])
    ),
  });
  const path = `/${port.network}/accounts/:documentId/pages`;
  const routes = [
    adminRoute('GET', path, `${name}.list`, ACTIONS.accountsManage),
    adminRoute('POST', path, `${name}.connect`, ACTIONS.accountsManage),
  ];
  return { name, service, controller, routes };
}
