export declare function quietStrapiEnv(encryptionKeys: string): Record<string, string>;
