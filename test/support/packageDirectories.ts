import fs from 'node:fs';
import path from 'node:path';

/** Every policy package folder under deployments/ (one with a manifest.json), relative to deployments/, sorted. */
export function packageDirectories(): string[] {
  return fs
    .readdirSync('deployments', { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('manifest.json'))
    .map((f) => path.dirname(f))
    .sort();
}
