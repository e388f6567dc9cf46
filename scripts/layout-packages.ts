/**
 * One-time package migration (issue 9): gives every package BPMN under deployments/ a diagram layout
 * and declares its execution platform. Files that already have a layout keep it, so running it again
 * changes nothing. Usage: npx tsx scripts/layout-packages.ts [deployments]
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkDiagramLayout } from '../engine/packages/layout/checkDiagramLayout.ts';
import { ensureExecutionPlatform } from '../engine/packages/layout/ensureExecutionPlatform.ts';
import { layoutBpmn } from '../engine/packages/layout/layoutBpmn.ts';

async function main(): Promise<void> {
  const root = process.argv[2] ?? 'deployments';
  const files = fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.bpmn'))
    .sort();
  let failed = false;
  for (const rel of files) {
    const file = path.join(root, rel);
    const before = fs.readFileSync(file, 'utf8');
    const after = await layoutBpmn(ensureExecutionPlatform(before));
    const problems = await checkDiagramLayout(after);
    for (const p of problems) console.error(`${file}: ${p.element}: ${p.message}`);
    failed ||= problems.length > 0;
    if (after !== before) fs.writeFileSync(file, after);
    console.log(`${after === before ? 'unchanged' : 'laid out '} ${file}`);
  }
  if (failed) process.exitCode = 1;
}

await main();
