package com.example.stock.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * An empty database is migrated by the baseline script, one migrated before by the versions it lacks: both must end
 * with the same schema, or a service's behaviour would depend on the day its database was made.
 */
class MigrationsTest {

    private static final String LOCATION = "classpath:db/migration";
    /** A baseline prefix no script has, so that Flyway takes the versions one by one as it did before the baseline. */
    private static final Map<String, String> VERSIONS_ONLY = Map.of("flyway.baselineMigrationPrefix", "NONE");

    private final List<DataSource> databases = new ArrayList<>();

    @AfterEach
    void dropDatabases() {
        databases.forEach(database -> JdbcClient.create(database).sql("SHUTDOWN").update());
    }

    @Test
    void an_empty_database_is_migrated_by_the_baseline_alone() {
        DataSource database = newDatabase();

        migrate(database, Map.of(), null);

        assertThat(history(database)).containsExactly("11 SQL_BASELINE schema");
    }

    @Test
    void the_baseline_makes_the_schema_the_versions_make() {
        DataSource byBaseline = newDatabase();
        DataSource byVersions = newDatabase();

        migrate(byBaseline, Map.of(), null);
        migrate(byVersions, VERSIONS_ONLY, null);

        assertThat(history(byVersions)).hasSize(11).allMatch(row -> row.contains(" SQL "));
        assertThat(schema(byBaseline)).isNotEmpty().containsExactlyElementsOf(schema(byVersions));
    }

    @Test
    void a_database_migrated_by_the_versions_is_left_as_it_is() {
        DataSource database = newDatabase();
        migrate(database, VERSIONS_ONLY, null);
        List<String> before = schema(database);

        int applied = migrate(database, Map.of(), null);

        assertThat(applied).isZero();
        assertThat(history(database)).hasSize(11).noneMatch(row -> row.contains("BASELINE"));
        assertThat(schema(database)).containsExactlyElementsOf(before);
    }

    @Test
    void a_database_part_way_through_the_versions_goes_on_from_where_it_stands() {
        DataSource partWay = newDatabase();
        DataSource byBaseline = newDatabase();
        migrate(partWay, VERSIONS_ONLY, "5");

        int applied = migrate(partWay, Map.of(), null);
        migrate(byBaseline, Map.of(), null);

        assertThat(applied).isEqualTo(6);
        assertThat(history(partWay)).hasSize(11).noneMatch(row -> row.contains("BASELINE"));
        assertThat(schema(partWay)).containsExactlyElementsOf(schema(byBaseline));
    }

    private DataSource newDatabase() {
        DataSource database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        databases.add(database);
        return database;
    }

    private static int migrate(DataSource database, Map<String, String> settings, String target) {
        FluentConfiguration flyway = Flyway.configure().dataSource(database).locations(LOCATION).configuration(settings);
        if (target != null) {
            flyway.target(target);
        }
        return flyway.load().migrate().migrationsExecuted;
    }

    private static List<String> history(DataSource database) {
        return JdbcClient.create(database)
                         .sql("SELECT \"version\" || ' ' || \"type\" || ' ' || \"description\" FROM \"flyway_schema_history\" "
                              + "WHERE \"version\" IS NOT NULL AND \"success\" ORDER BY \"installed_rank\"")
                         .query(String.class)
                         .list();
    }

    /**
     * Tables, columns, constraints and indexes as lines of text, sorted, without the history table and without the
     * names H2 makes up for constraints that were given none.
     */
    private static List<String> schema(DataSource database) {
        JdbcClient jdbc = JdbcClient.create(database);
        List<String> lines = new ArrayList<>();
        lines.addAll(jdbc.sql("""
                SELECT 'column ' || TABLE_NAME || '.' || COLUMN_NAME || ' #' || ORDINAL_POSITION || ' ' || DATA_TYPE
                       || COALESCE('(' || CHARACTER_MAXIMUM_LENGTH || ')', '') || ' nullable ' || IS_NULLABLE
                       || ' default ' || COALESCE(COLUMN_DEFAULT, '-') || ' identity ' || IS_IDENTITY
                       || COALESCE(' from ' || IDENTITY_START || ' by ' || IDENTITY_INCREMENT, '')
                FROM INFORMATION_SCHEMA.COLUMNS
                WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME <> 'flyway_schema_history'""").query(String.class).list());
        lines.addAll(jdbc.sql("""
                SELECT 'constraint ' || c.TABLE_NAME || ' ' || c.CONSTRAINT_TYPE
                       || CASE WHEN c.CONSTRAINT_NAME LIKE 'CONSTRAINT!_%' ESCAPE '!' THEN '' ELSE ' ' || c.CONSTRAINT_NAME END
                       || ' (' || COALESCE((SELECT LISTAGG(k.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY k.ORDINAL_POSITION)
                                            FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE k
                                            WHERE k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA
                                              AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME), '')
                       || ')' || COALESCE(' ' || ch.CHECK_CLAUSE, '')
                FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS c
                LEFT JOIN INFORMATION_SCHEMA.CHECK_CONSTRAINTS ch
                       ON ch.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND ch.CONSTRAINT_NAME = c.CONSTRAINT_NAME
                WHERE c.TABLE_SCHEMA = 'PUBLIC' AND c.TABLE_NAME <> 'flyway_schema_history'""").query(String.class).list());
        lines.addAll(jdbc.sql("""
                SELECT 'index ' || i.TABLE_NAME || ' ' || i.INDEX_TYPE_NAME
                       || CASE WHEN i.INDEX_TYPE_NAME = 'INDEX' THEN ' ' || i.INDEX_NAME ELSE '' END
                       || ' (' || (SELECT LISTAGG(ic.COLUMN_NAME || ' ' || ic.ORDERING_SPECIFICATION, ',')
                                          WITHIN GROUP (ORDER BY ic.ORDINAL_POSITION)
                                   FROM INFORMATION_SCHEMA.INDEX_COLUMNS ic
                                   WHERE ic.INDEX_SCHEMA = i.INDEX_SCHEMA AND ic.INDEX_NAME = i.INDEX_NAME) || ')'
                FROM INFORMATION_SCHEMA.INDEXES i
                WHERE i.TABLE_SCHEMA = 'PUBLIC' AND i.TABLE_NAME <> 'flyway_schema_history'""").query(String.class).list());
        return lines.stream().sorted().toList();
    }
}
