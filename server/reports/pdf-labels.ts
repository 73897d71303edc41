/**
 * The words of a report's PDF, in English and French. Each key is the admin's
 * message id (admin/translations/*.json) and the text is the same:
 * tests/unit/report-pdf.test.ts checks both files hold exactly these, so the
 * PDF says what the Reports page says.
 */
export type PdfLanguage = 'en' | 'fr';

export const PDF_LABELS = {
  'reports.pdf.page': { en: 'Page {page} of {pages}', fr: 'Page {page} sur {pages}' },
  'reports.pdf.period': { en: 'Period: {from} – {to}', fr: 'Période : du {from} au {to}' },
  'reports.pdf.previous': { en: 'Compared with {from} – {to}', fr: 'Comparée à la période du {from} au {to}' },
  'reports.pdf.yearAgo': {
    en: 'And with the same days a year earlier, {from} – {to}',
    fr: 'Et avec les mêmes jours un an plus tôt, du {from} au {to}',
  },
  'reports.pdf.generated': { en: 'Figures frozen on {date} by {name}.', fr: 'Chiffres figés le {date} par {name}.' },
  'reports.pdf.line': { en: 'Editorial line: {line}', fr: 'Ligne éditoriale : {line}' },
  'reports.pdf.kpis': { en: 'Key figures', fr: 'Indicateurs clés' },
  'reports.pdf.col.kpi': { en: 'Indicator', fr: 'Indicateur' },
  'reports.pdf.col.value': { en: 'Value', fr: 'Valeur' },
  'reports.pdf.col.previous': { en: 'Previous period', fr: 'Période précédente' },
  'reports.pdf.col.change': { en: 'Change', fr: 'Évolution' },
  'reports.pdf.col.yearAgo': { en: 'A year earlier', fr: 'Un an plus tôt' },
  'reports.pdf.col.target': { en: 'Target', fr: 'Objectif' },
  'reports.pdf.col.attainment': { en: 'Attainment', fr: 'Atteinte' },
  'reports.pdf.chart.networks': { en: 'Posts per network against the target', fr: 'Publications par réseau face à l’objectif' },
  'reports.pdf.chart.days': { en: 'Engagements by day of publication', fr: 'Interactions par jour de publication' },
  'reports.pdf.legend.actual': { en: 'Actual', fr: 'Réel' },
  'reports.pdf.legend.target': { en: 'Target', fr: 'Objectif' },
  'reports.pillars.chart': {
    en: 'Share of posts per pillar, against the target share',
    fr: 'Part des publications par pilier, comparée à la part visée',
  },
  'reports.pillars.none': { en: 'No pillar', fr: 'Sans pilier' },
  'reports.networks.title': { en: 'Per network', fr: 'Par réseau' },
  'reports.pillars.title': { en: 'Per pillar', fr: 'Par pilier' },
  'reports.accounts.title': { en: 'Audience', fr: 'Audience' },
  'reports.accounts.noMetrics': {
    en: 'This network gives no figures: posts are sent, nothing can be measured.',
    fr: 'Ce réseau ne donne aucun chiffre : les publications partent, rien ne peut être mesuré.',
  },
  'reports.top.title': { en: 'Top posts', fr: 'Meilleures publications' },
  'reports.bottom.title': { en: 'Bottom posts', fr: 'Publications les moins performantes' },
  'reports.commentary': { en: 'Commentary', fr: 'Commentaire' },
  'reports.commentary.none': { en: 'No commentary.', fr: 'Aucun commentaire.' },
  'reports.line.all': { en: 'Every account', fr: 'Tous les comptes' },
  'reports.col.post': { en: 'Post', fr: 'Publication' },
  'reports.col.account': { en: 'Account', fr: 'Compte' },
  'reports.col.network': { en: 'Network', fr: 'Réseau' },
  'reports.col.published': { en: 'Published', fr: 'Publiée le' },
  'reports.col.engagements': { en: 'Engagements', fr: 'Interactions' },
  'reports.col.postsTarget': { en: 'Posts (target)', fr: 'Publications (objectif)' },
  'reports.col.rate': { en: 'Engagement rate', fr: 'Taux d’engagement' },
  'reports.col.basis': { en: 'Computed as', fr: 'Calcul' },
  'reports.basis.impressions': { en: '{num} engagements ÷ {den} impressions', fr: '{num} interactions ÷ {den} impressions' },
  'reports.basis.followers': {
    en: '{num} engagements ÷ {den} followers at posting',
    fr: '{num} interactions ÷ {den} abonnés au moment de la publication',
  },
  'reports.col.pillar': { en: 'Pillar', fr: 'Pilier' },
  'reports.col.posts': { en: 'Posts', fr: 'Publications' },
  'reports.col.share': { en: 'Share (target)', fr: 'Part (objectif)' },
  'reports.col.perPost': { en: 'Per post', fr: 'Par publication' },
  'reports.col.followers': { en: 'Followers (start → end)', fr: 'Abonnés (début → fin)' },
  'reports.growth.chart': {
    en: 'Followers per day of each account over the period',
    fr: 'Abonnés par jour de chaque compte sur la période',
  },
  'reports.growth.legend': {
    en: 'Followers at each day’s last reading, days counted in {zone}. A day without one is left as a gap.',
    fr: 'Abonnés au dernier relevé de chaque jour, jours comptés en {zone}. Un jour sans relevé reste un trou.',
  },
  'reports.growth.legendWeek': {
    en: 'Followers at each week’s last reading, days counted in {zone}. A week without one is left as a gap.',
    fr: 'Abonnés au dernier relevé de chaque semaine, jours comptés en {zone}. Une semaine sans relevé reste un trou.',
  },
  'reports.kpi.conversations': { en: 'Conversations received', fr: 'Conversations reçues' },
  'reports.kpi.firstResponse': { en: 'First response time', fr: 'Délai de première réponse' },
  'reports.kpi.positiveShare': { en: 'Positive sentiment', fr: 'Sentiment positif' },
  'reports.kpi.negativeShare': { en: 'Negative sentiment', fr: 'Sentiment négatif' },
  'reports.community.title': { en: 'Community', fr: 'Communauté' },
  'reports.community.note': {
    en: 'Replies, mentions and quotes the accounts in scope received, and the site’s comments, spam left out. A sentiment a person chose wins over the computed one.',
    fr: 'Réponses, mentions et citations reçues par les comptes du périmètre, et les commentaires du site, hors spam. Le sentiment choisi par une personne l’emporte sur le calcul.',
  },
  'reports.community.none': { en: 'Nothing was received in this period.', fr: 'Rien n’a été reçu sur cette période.' },
  'reports.community.all': { en: 'All sources', fr: 'Toutes les sources' },
  'reports.community.site': { en: 'Site comments', fr: 'Commentaires du site' },
  'reports.col.source': { en: 'Source', fr: 'Source' },
  'reports.col.received': { en: 'Received', fr: 'Reçus' },
  'reports.col.answered': { en: 'Answered', fr: 'Avec réponse' },
  'reports.col.firstResponse': { en: 'First response (median · 90%)', fr: 'Première réponse (médiane · 90 %)' },
  'reports.col.positive': { en: 'Positive', fr: 'Positif' },
  'reports.col.negative': { en: 'Negative', fr: 'Négatif' },
  'reports.team.title': { en: 'Team', fr: 'Équipe' },
  'reports.col.member': { en: 'Team member', fr: 'Membre de l’équipe' },
  'reports.col.assigned': { en: 'Assigned', fr: 'Assignés' },
  'reports.col.repliesSent': { en: 'Replies sent', fr: 'Réponses envoyées' },
  'reports.col.growth': { en: 'Growth', fr: 'Croissance' },
  'reports.col.growthPct': { en: 'Growth rate', fr: 'Taux de croissance' },
  'reports.kpi.posts': { en: 'Posts published', fr: 'Publications' },
  'reports.kpi.engagements': { en: 'Engagements', fr: 'Interactions' },
  'reports.kpi.engagementPerPost': { en: 'Engagement per post', fr: 'Interactions par publication' },
  'reports.kpi.engagementRate': { en: 'Engagement rate', fr: 'Taux d’engagement' },
  'reports.kpi.reach': { en: 'Reach', fr: 'Portée' },
  'reports.kpi.followerGrowth': { en: 'Follower growth', fr: 'Croissance des abonnés' },
  'reports.kpi.followerGrowthPct': { en: 'Follower growth rate', fr: 'Taux de croissance des abonnés' },
  'reports.kpi.pillarFit': { en: 'Pillar mix fit', fr: 'Respect du mix de piliers' },
  'reports.pdf.campaigns.title': { en: 'Campaigns compared', fr: 'Campagnes comparées' },
  'reports.pdf.campaigns.wholeLife': { en: 'Over each campaign’s whole life', fr: 'Sur toute la durée de chaque campagne' },
  'reports.pdf.campaigns.asOf': { en: 'Figures as of {date}.', fr: 'Chiffres au {date}.' },
  'reports.pdf.campaigns.chart': { en: 'Engagements per campaign', fr: 'Interactions par campagne' },
  'reports.campaigns.table': { en: 'Campaigns side by side', fr: 'Campagnes côte à côte' },
  'reports.campaigns.campaign': { en: 'Campaign', fr: 'Campagne' },
  'reports.campaigns.withFigures': { en: 'Posts with figures', fr: 'Publications avec des chiffres' },
  'reports.campaigns.first': { en: 'First post', fr: 'Première publication' },
  'reports.campaigns.last': { en: 'Last post', fr: 'Dernière publication' },
  'reports.campaigns.top': { en: 'Best posts of {campaign}', fr: 'Meilleures publications de {campaign}' },
  'reports.schedule.title.weekly': { en: 'Weekly report, {from} – {to}', fr: 'Rapport hebdomadaire du {from} au {to}' },
  'reports.schedule.title.monthly': { en: 'Monthly report, {from} – {to}', fr: 'Rapport mensuel du {from} au {to}' },
  'reports.email.subject': { en: 'Report: {title}', fr: 'Rapport : {title}' },
  'reports.email.body': {
    en: 'The report “{title}” ({name}) is attached as a PDF.\n\nOpen it in the admin: {link}',
    fr: 'Le rapport « {title} » ({name}) est joint en PDF.\n\nOuvrez-le dans l’administration : {link}',
  },
} as const;

export type PdfLabel = keyof typeof PDF_LABELS;

/** One label in one language, its `{name}` placeholders filled. */
export function label(language: PdfLanguage, key: PdfLabel, params: Record<string, string | number> = {}): string {
  return PDF_LABELS[key][language].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
