/** The chat tools a webhook account can post to. No imports: the admin bundles this list too. */
export const WEBHOOK_FLAVORS = ['slack', 'discord', 'teams', 'mattermost', 'generic'] as const;
export type WebhookFlavor = (typeof WEBHOOK_FLAVORS)[number];
