/**
 * Layout of a data directory, the same as the real server's `server/` folder:
 * admin.db, user_dbs/user_{id}.db, flask_session/, plus the log the target writes.
 */
import path from 'node:path';

export interface DataPaths {
  dataDir: string;
  adminDb: string;
  userDbDir: string;
  sessionDir: string;
  serverLog: string;
}

export function dataPaths(dataDir: string): DataPaths {
  const root = path.resolve(dataDir);
  return {
    dataDir: root,
    adminDb: path.join(root, 'admin.db'),
    userDbDir: path.join(root, 'user_dbs'),
    sessionDir: path.join(root, 'flask_session'),
    serverLog: path.join(root, 'server.log'),
  };
}

export function userDbPath(paths: DataPaths, userId: number): string {
  return path.join(paths.userDbDir, `user_${userId}.db`);
}
