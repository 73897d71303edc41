#!/usr/bin/env node
/**
 * Where a boot's CPU time goes: self time of a `node --cpu-prof` profile
 * (bench/boot/fresh-app.js --profile writes them) summed by package, and the
 * plugin's own functions by name. Compare a boot with and without the plugin:
 *
 *   node bench/boot/profile-summary.js without.cpuprofile with.cpuprofile
 */
const fs = require('node:fs');

function owner(url) {
  if (!url) return '(native, gc, idle)';
  const file = url.replace(/^file:\/\//, '');
  if (/strapi-plugin-community-manager\/dist\/server\/twitter-text/.test(file)) return 'plugin: twitter-text chunk';
  if (/strapi-plugin-community-manager\/dist\//.test(file)) return 'plugin: dist/server';
  const modules = file.split('/node_modules/');
  if (modules.length > 1) {
    const rest = modules[modules.length - 1].split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (file.startsWith('node:') || !file.startsWith('/')) return 'node internals';
  return 'app';
}

function summarize(file) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  const dts = profile.timeDeltas;
  profile.samples.forEach((id, i) => self.set(id, self.get(id) + (dts[i] ?? 0) / 1000));
  const byOwner = new Map();
  const ours = new Map();
  for (const node of profile.nodes) {
    const ms = self.get(node.id);
    const who = owner(node.callFrame.url);
    byOwner.set(who, (byOwner.get(who) ?? 0) + ms);
    if (who.startsWith('plugin')) {
      const name = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1}`;
      ours.set(name, (ours.get(name) ?? 0) + ms);
    }
  }
  return { total: (profile.endTime - profile.startTime) / 1000, byOwner, ours };
}

const [withoutFile, withFile] = process.argv.slice(2);
const a = summarize(withoutFile);
const b = withFile ? summarize(withFile) : null;
const owners = [...new Set([...a.byOwner.keys(), ...(b ? b.byOwner.keys() : [])])];
const rows = owners
  .map((o) => ({ owner: o, withoutMs: Math.round(a.byOwner.get(o) ?? 0), withMs: b ? Math.round(b.byOwner.get(o) ?? 0) : undefined }))
  .map((r) => ({ ...r, addedMs: b ? r.withMs - r.withoutMs : undefined }))
  .sort((x, y) => (b ? y.addedMs - x.addedMs : y.withoutMs - x.withoutMs))
  .slice(0, 25);
console.log(`profile length: without ${Math.round(a.total)} ms${b ? `, with ${Math.round(b.total)} ms` : ''}`);
console.table(rows);
if (b) {
  console.log("the plugin's own functions, self time:");
  console.table(
    [...b.ours.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 15)
      .map(([fn, ms]) => ({ fn, ms: +ms.toFixed(1) }))
  );
}
