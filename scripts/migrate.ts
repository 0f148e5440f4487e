import { exitOnError, openConfiguredDatabase } from "./lib";

try {
  const database = await openConfiguredDatabase();
  console.log(`数据库已迁移到 ${database.migration}（${database.engine}） / migrated to ${database.migration} (${database.engine})`);
  await database.close();
} catch (error) {
  exitOnError(error);
}
