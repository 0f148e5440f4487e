import { seedDatabase } from "../src/server/db/seed";
import { exitOnError, openConfiguredDatabase } from "./lib";

try {
  const database = await openConfiguredDatabase();
  const summary = await seedDatabase(database.db);
  console.log(`示例数据已载入（${database.engine}）：${summary} / sample data loaded`);
  await database.close();
} catch (error) {
  exitOnError(error);
}
