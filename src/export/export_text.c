/* placeholder: being written */
typedef int placeholder_export_text;
