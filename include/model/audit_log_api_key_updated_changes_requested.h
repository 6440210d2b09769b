/* model/audit_log_api_key_updated_changes_requested.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"
