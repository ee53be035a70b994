import { type FtpCredential, openFtp } from './ftp-files.ts';

/** "Test connection" for an FTP credential: sign in, print the working directory, quit. */
export async function testFtp(credential: FtpCredential): Promise<{ ok: boolean; message: string }> {
  const server = `${credential.host}:${credential.port}`;
  try {
    const files = await openFtp(credential);
    await files.close();
    return { ok: true, message: `Signed in to the FTP server at ${server}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to the FTP server at ${server}: ${reason}` };
  }
}
