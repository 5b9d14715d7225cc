// pg_catalog's relations for features BoyoDB does not have: table inheritance and partitions
// (pg_inherits), row-level security policies (pg_policy), extended statistics, logical
// replication publications, comments (pg_description), user-defined functions, rules and
// triggers, extensions and enums. psql's \d and drivers read them; they have PostgreSQL 15's
// columns and are empty, which is the truth about a BoyoDB catalog.
#include "engine/catalog_relations/catalog_columns.h"

namespace boyodb::engine::catalog_columns {

namespace {

void NoRows(const CatalogSnapshot&, CatalogRows&) {}

}  // namespace

std::vector<VirtualRelation> PgCatalogUnusedRelations() {
  std::vector<VirtualRelation> out;
  out.push_back({"pg_catalog", "pg_inherits", 'r',
                 Columns({{"inhrelid", Oid()},
                          {"inhparent", Oid()},
                          {"inhseqno", Int4()},
                          {"inhdetachpending", Bool()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_policy", 'r',
                 Columns({{"oid", Oid()},
                          {"polname", Text()},
                          {"polrelid", Oid()},
                          {"polcmd", Text()},
                          {"polpermissive", Bool()},
                          {"polroles", OidArray()},
                          {"polqual", Text()},
                          {"polwithcheck", Text()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_statistic_ext", 'r',
                 Columns({{"oid", Oid()},
                          {"stxrelid", Oid()},
                          {"stxname", Text()},
                          {"stxnamespace", Oid()},
                          {"stxowner", Oid()},
                          {"stxstattarget", Int4()},
                          {"stxkeys", Int2Array()},
                          {"stxkind", TextArray()},
                          {"stxexprs", Text()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_publication", 'r',
                 Columns({{"oid", Oid()},
                          {"pubname", Text()},
                          {"pubowner", Oid()},
                          {"puballtables", Bool()},
                          {"pubinsert", Bool()},
                          {"pubupdate", Bool()},
                          {"pubdelete", Bool()},
                          {"pubtruncate", Bool()},
                          {"pubviaroot", Bool()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_publication_namespace", 'r',
                 Columns({{"oid", Oid()}, {"pnpubid", Oid()}, {"pnnspid", Oid()}}), NoRows});
  out.push_back({"pg_catalog", "pg_publication_rel", 'r',
                 Columns({{"oid", Oid()},
                          {"prpubid", Oid()},
                          {"prrelid", Oid()},
                          {"prqual", Text()},
                          {"prattrs", Int2Array()}}),
                 NoRows});
  out.push_back(
      {"pg_catalog", "pg_description", 'r',
       Columns(
           {{"objoid", Oid()}, {"classoid", Oid()}, {"objsubid", Int4()}, {"description", Text()}}),
       NoRows});
  out.push_back({"pg_catalog", "pg_shdescription", 'r',
                 Columns({{"objoid", Oid()}, {"classoid", Oid()}, {"description", Text()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_proc", 'r',
                 Columns({{"oid", Oid()},
                          {"proname", Text()},
                          {"pronamespace", Oid()},
                          {"proowner", Oid()},
                          {"prolang", Oid()},
                          {"procost", Float4()},
                          {"prorows", Float4()},
                          {"provariadic", Oid()},
                          {"prokind", Text()},
                          {"prosecdef", Bool()},
                          {"proleakproof", Bool()},
                          {"proisstrict", Bool()},
                          {"proretset", Bool()},
                          {"provolatile", Text()},
                          {"proparallel", Text()},
                          {"pronargs", Int2()},
                          {"pronargdefaults", Int2()},
                          {"prorettype", Oid()},
                          {"proargtypes", OidArray()},
                          {"proallargtypes", OidArray()},
                          {"proargmodes", TextArray()},
                          {"proargnames", TextArray()},
                          {"prosrc", Text()},
                          {"probin", Text()},
                          {"proconfig", TextArray()},
                          {"proacl", TextArray()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_rewrite", 'r',
                 Columns({{"oid", Oid()},
                          {"rulename", Text()},
                          {"ev_class", Oid()},
                          {"ev_type", Text()},
                          {"ev_enabled", Text()},
                          {"is_instead", Bool()},
                          {"ev_qual", Text()},
                          {"ev_action", Text()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_trigger", 'r',
                 Columns({{"oid", Oid()},
                          {"tgrelid", Oid()},
                          {"tgparentid", Oid()},
                          {"tgname", Text()},
                          {"tgfoid", Oid()},
                          {"tgtype", Int2()},
                          {"tgenabled", Text()},
                          {"tgisinternal", Bool()},
                          {"tgconstrrelid", Oid()},
                          {"tgconstrindid", Oid()},
                          {"tgconstraint", Oid()},
                          {"tgdeferrable", Bool()},
                          {"tginitdeferred", Bool()},
                          {"tgnargs", Int2()},
                          {"tgattr", Int2Array()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_extension", 'r',
                 Columns({{"oid", Oid()},
                          {"extname", Text()},
                          {"extowner", Oid()},
                          {"extnamespace", Oid()},
                          {"extrelocatable", Bool()},
                          {"extversion", Text()},
                          {"extconfig", OidArray()},
                          {"extcondition", TextArray()}}),
                 NoRows});
  out.push_back({"pg_catalog", "pg_enum", 'r',
                 Columns({{"oid", Oid()},
                          {"enumtypid", Oid()},
                          {"enumsortorder", Float4()},
                          {"enumlabel", Text()}}),
                 NoRows});
  return out;
}

}  // namespace boyodb::engine::catalog_columns
