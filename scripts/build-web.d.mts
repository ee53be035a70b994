export declare const webRoot: string;
export declare const webEntry: string;
export declare function webBuildState(root?: string): 'missing' | 'stale' | 'fresh';
export declare function buildWeb(options?: { quiet?: boolean }): Promise<void>;
