import type { StdioOptions } from 'node:child_process';

export declare const STRAPI_VERSION: string;
export declare const JAVASCRIPT_ONLY: string[];
export declare function packPlugin(dir: string): string;
export declare function sqliteDriverPrebuild(dir: string): Record<string, string>;
/** A memory file system with room when the machine has one, else the system temporary folder. */
export declare function scratchRoot(): string;
export declare function javaScriptAppFiles(tarball: string, overrides?: Record<string, string>): Record<string, string>;
export declare function typeScriptAppFiles(overrides?: Record<string, string>): Record<string, string>;
export declare function writeFiles(dir: string, files: Record<string, string>): void;
export declare function npmInstall(dir: string, stdio?: StdioOptions): void;
