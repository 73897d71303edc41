import service from './service';
import controller from './controller';
import routes from './routes';

/** Metric collection, the reports' dashboard and KPI reports (docs/reports.md). */
export default { name: 'reports' as const, service, controller, routes };
