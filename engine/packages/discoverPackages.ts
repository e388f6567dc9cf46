import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Every folder under rootDir (normally deployments/) that holds a manifest.json, as absolute paths,
 * sorted. A package folder is not searched further: its subfolders are its forms/, rules/, scenarios/.
 */
export async function discoverPackages(rootDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    if (entries.some((e) => e.isFile() && e.name === 'manifest.json')) {
      found.push(dir);
      return;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') await walk(path.join(dir, e.name));
    }
  };
  await walk(path.resolve(rootDir));
  return found.sort();
}
