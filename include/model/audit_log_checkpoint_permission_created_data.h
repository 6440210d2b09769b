/* model/audit_log_checkpoint_permission_created_data.h: one header per model, as the generated client has; everything is declared in openai_api.h. */
#include "../openai_api.h"
