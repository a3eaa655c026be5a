{% test list_values_in(model, column_name, to, field) %}
{#- Like `relationships` for a list column: fails on every list element not found in `to`.`field`. -#}
with listed as (
    select unnest({{ column_name }}) as listed_value
    from {{ model }}
)

select distinct listed_value
from listed
where listed_value not in (select {{ field }} from {{ to }})
{% endtest %}
