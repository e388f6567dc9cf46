import { discoverPackages, loadPackage } from '../packages/loadPackage.ts';
import type { PackageLoader } from '../services/packages/PackageService.ts';

export const packageLoader: PackageLoader = (dir, opts) => loadPackage(dir, opts);
export const discoverPackageDirs = discoverPackages;
