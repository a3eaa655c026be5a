{% macro name_key(column) -%}
{#- A person-name key that ignores case, accents, hyphens, spacing and given/family order. -#}
array_to_string(list_sort(string_split_regex(trim(lower(strip_accents({{ column }}))), '[\s\-‐]+')), ' ')
{%- endmacro %}
