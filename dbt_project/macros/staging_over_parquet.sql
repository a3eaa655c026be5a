{% macro staging_over_parquet() %}
    {#- With the `distributed` target, each table of the `staging` source is a view over the Parquet
        batches the extraction workers committed (orchestration/parquet_staging.py): the models read the
        same relations in both modes, so their SQL is not copied. One view per table file the batches
        hold. Other targets read the tables the embedded mode writes, and this hook does nothing. -#}
    {%- if target.name == 'distributed' and execute -%}
        {%- set root = env_var('SUMMITS_STAGING_PARQUET_DIR', '../warehouse/distributed/staging') -%}
        {%- set listing -%}
            select distinct parse_filename(file, true) as table_name
            from glob('{{ root }}/batches/*/*.parquet')
            order by table_name
        {%- endset -%}
        {%- set tables = run_query(listing).columns[0].values() -%}
        {%- if not tables -%}
            {{ exceptions.raise_compiler_error("no staging batch under " ~ root ~ ": run the distributed extraction first") }}
        {%- endif %}
        create schema if not exists staging;
        {%- for table in tables %}
            create or replace view staging."{{ table }}" as
            select * from read_parquet('{{ root }}/batches/*/{{ table }}.parquet');
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}
