/** What every route of a worker needs, built once per worker process. */
import type { DataPaths } from './data-paths.ts';
import type { FaultInjector } from './faults.ts';
import type { ServerLog } from './log.ts';
import type { RecentUsers } from './recent-users.ts';
import type { SessionStoreOption } from './session.ts';

export interface AppContext {
  paths: DataPaths;
  log: ServerLog;
  faults: FaultInjector;
  recentUsers: RecentUsers;
  bcryptCost: number;
  /** Write the diagnostic add_card lines (`--enhanced-log`). */
  enhancedLog: boolean;
  /** Folder of the web UI (index.html and assets). */
  uiDir: string;
  sessionStore: SessionStoreOption;
}
