import fs from 'node:fs';
import path from 'node:path';
import { dropTemplate, type TemplateRef } from './databases';
import { templatesDir } from './strapi';

/** Global teardown: the run's templates (tests/helpers/strapi.ts) go with it. */
export default async function dropTemplates(): Promise<void> {
  const dir = templatesDir();
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    await dropTemplate(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as TemplateRef);
  }
  fs.rmSync(dir, { recursive: true, force: true });
}
