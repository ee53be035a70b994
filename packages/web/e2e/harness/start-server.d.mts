export interface TestServer {
  url: string;
  dataDir: string;
  close(): Promise<void>;
}
export declare function startTestServer(env?: Record<string, string>): Promise<TestServer>;
