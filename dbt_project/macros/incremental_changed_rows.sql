{% macro get_incremental_changed_rows_sql(arg_dict) -%}
{#-
  Incremental strategy `changed_rows`: the model's query gives the mart's complete new contents; only
  the difference is written. Rows no longer produced (changed or retired ones, and duplicates) are
  deleted and new rows inserted, compared on the whole row: unchanged rows are left as they are and a
  re-run on unchanged input writes nothing. Marts merge facts across documents (a new article can rename
  a person in every summit), so recomputing in full and writing the difference is what stays exact.
-#}
{%- set target = arg_dict["target_relation"] -%}
{%- set source = arg_dict["temp_relation"] -%}
{%- set columns = arg_dict["dest_columns"] | map(attribute="quoted") | join(", ") -%}
delete from {{ target }}
where rowid in (
    select rowid
    from (
        select
            rowid,
            md5(existing::varchar) as row_hash,
            row_number() over (partition by md5(existing::varchar) order by rowid) as copy_number
        from {{ target }} as existing
    )
    where copy_number > 1 or row_hash not in (select md5(incoming::varchar) from {{ source }} as incoming)
);

insert into {{ target }} ({{ columns }})
select {{ columns }} from {{ source }} as incoming
where md5(incoming::varchar) not in (select md5(existing::varchar) from {{ target }} as existing)
{%- endmacro %}
