# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_asst_global_optspecs
    string join \n json p/profile= config= provider= api= base-url= endpoint= api-version= max-retries= connect-timeout= busy-wait= no-history verbose idle-timeout= h/help V/version
end

function __fish_asst_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_asst_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_asst_using_subcommand
    set -l cmd (__fish_asst_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c asst -n "__fish_asst_needs_command" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_needs_command" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_needs_command" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_needs_command" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_needs_command" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_needs_command" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_needs_command" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_needs_command" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_needs_command" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_needs_command" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_needs_command" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_needs_command" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_needs_command" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_needs_command" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_needs_command" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_needs_command" -f -a "thread" -d 'Create and inspect threads (conversations)'
complete -c asst -n "__fish_asst_needs_command" -f -a "ask" -d 'Ask a question and stream the answer to stdout'
complete -c asst -n "__fish_asst_needs_command" -f -a "store" -d 'Set up and inspect vector stores, which file search reads'
complete -c asst -n "__fish_asst_needs_command" -f -a "response" -d 'Wait for, show or cancel a response (background answers, \'ask --detach\')'
complete -c asst -n "__fish_asst_needs_command" -f -a "batch" -d 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider\'s Batch API'
complete -c asst -n "__fish_asst_needs_command" -f -a "config" -d 'Show the settings the next command would use, and where each one comes from'
complete -c asst -n "__fish_asst_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "new" -d 'Create a thread and print its id'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "show" -d 'Print a thread\'s whole transcript, oldest message first'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "list" -d 'List the threads asst created or used, newest first (from its registry)'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "name" -d 'Give a thread a name, to use wherever a thread id is taken'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "rm" -d 'Delete threads on the server and forget them'
complete -c asst -n "__fish_asst_using_subcommand thread; and not __fish_seen_subcommand_from new show list name rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -s m -l metadata -d 'Attach metadata to the thread (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l assistant -d 'Create an Assistants thread for this assistant (selects the Assistants API)' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l name -d 'Name the thread, to use wherever a thread id is taken' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from new" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l limit -d 'Only the newest N messages (still printed oldest first)' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l after -d 'Only the messages after this one (a message or item id), for what is new' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l last -d 'Show the thread used last on this provider, endpoint and profile (the one \'ask -c\' continues)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l no-citations -d 'Show citations without [n] markers and source lists'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l limit -d 'At most this many threads' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l all -d 'Threads of every provider and endpoint, not only the current one'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from name" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l local -d 'Forget the threads without deleting them on the server'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "new" -d 'Create a thread and print its id'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a thread\'s whole transcript, oldest message first'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the threads asst created or used, newest first (from its registry)'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "name" -d 'Give a thread a name, to use wherever a thread id is taken'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete threads on the server and forget them'
complete -c asst -n "__fish_asst_using_subcommand thread; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand ask" -s t -l thread -d 'Continue this thread (an id or a name) instead of starting a new one' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l attach -d 'Upload this file and search it for this question (repeatable; see the README for where the files live afterwards)' -r -F
complete -c asst -n "__fish_asst_using_subcommand ask" -l chunk-size -d 'Cut the attached files into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800; Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l chunk-overlap -d 'Tokens each chunk of the attached files shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l model -d 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l instructions -d 'System instructions sent with the question' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l vector-store -d 'Search this vector store (repeatable; the env variable takes a comma-separated list)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l assistant -d 'Answer with this assistant (selects the Assistants API)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l filter -d 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l max-results -d 'At most this many search results (1 to 50; Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l score-threshold -d 'Only results scoring at least this (0 to 1; Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l schema -d 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone' -r -F
complete -c asst -n "__fish_asst_using_subcommand ask" -s m -l metadata -d 'Attach metadata to the response or run (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l max-output-tokens -d 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l reasoning-effort -d 'How much a reasoning model reasons before it answers (Responses)' -r -f -a "none\t''
minimal\t''
low\t''
medium\t''
high\t''
xhigh\t''
max\t''"
complete -c asst -n "__fish_asst_using_subcommand ask" -l temperature -d 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand ask" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand ask" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand ask" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand ask" -s c -l continue -d 'Continue the thread used last on this provider, endpoint and profile'
complete -c asst -n "__fish_asst_using_subcommand ask" -s n -l no-stdin -d 'Do not read standard input, even when it is not a terminal (for loops over stdin)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l show-search -d 'Report what file search retrieved: `search` events with --json, else on stderr'
complete -c asst -n "__fish_asst_using_subcommand ask" -l background -d 'Run the answer in the background on the server, so that it survives a dropped connection and the stream resumes where it was cut (Responses only; env ASST_BACKGROUND, profile \'background\') [default: off]'
complete -c asst -n "__fish_asst_using_subcommand ask" -l no-background -d 'Do not run the answer in the background, whatever ASST_BACKGROUND or the profile say'
complete -c asst -n "__fish_asst_using_subcommand ask" -l detach -d 'Return as soon as the answer exists, printing its response id; collect it later with \'asst response wait ID\' (implies --background)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l dry-run -d 'Print the requests the question would send (line, headers, body), and send nothing: no key is read (its header says where it would come from) and no thread is made or recorded (Responses only)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l no-citations -d 'Print no [n] markers and no source list'
complete -c asst -n "__fish_asst_using_subcommand ask" -s q -l quiet -d 'Print no notices about settings that have no effect (batch: and no progress line)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand ask" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand ask" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand ask" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "create" -d 'Upload files into a new vector store, wait until they are searchable, print its id'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "add" -d 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "sync" -d 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "rm-file" -d 'Take files out of a store, by path or file id'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "update" -d 'Rename a store, or set, move or end its expiry; prints its row as show does'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "search" -d 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "show" -d 'Show a store and its files with their processing status'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "list" -d 'List stores, newest first'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "rm" -d 'Delete a store (and, with --with-files, the files in it)'
complete -c asst -n "__fish_asst_using_subcommand store; and not __fish_seen_subcommand_from create add sync rm-file update search show list rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l name -d 'The store\'s name [default: the first file\'s name]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l file-name -d 'The name of the file read from standard input (\'-\') [default: stdin.txt]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l include -d 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l exclude -d 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l attr -d 'An attribute for the files added, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l expires-after -d 'Have the server delete the store once it has gone this many days unused (1 to 365)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l chunk-size -d 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l chunk-overlap -d 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l hidden -d 'In folders, take hidden files and folders too'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -s L -l follow -d 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l dry-run -d 'Print what would be uploaded and change nothing (no server is asked, no key needed)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print no progress on stderr'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l no-wait -d 'Return once the files are uploaded, without waiting until they are searchable'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l file-name -l name -d 'The name of the file read from standard input (\'-\') [default: stdin.txt]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l include -d 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l exclude -d 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l attr -d 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l chunk-size -d 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l chunk-overlap -d 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l force -d 'Upload even files the store already has'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l dry-run -d 'Print the plan and change nothing'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l hidden -d 'In folders, take hidden files and folders too'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -s L -l follow -d 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l keep-files -d 'Keep the file objects of versions taken out of the store (they are deleted otherwise)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print no progress on stderr'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l no-wait -d 'Return once the files are uploaded, without waiting until they are searchable'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l max-delete -d 'With --delete, refuse the whole sync (changing nothing) if it would take out more than N files' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l include -d 'In folders, only files matching this glob, of those the ignore rules let through (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l exclude -d 'In folders, leave out files and folders matching this glob (repeatable; wins over --include)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l attr -d 'An attribute for the files, for --filter (repeatable; true/false, a number that reads back as written, or text: 007 and 1.10 stay text); files the store keeps are given the same' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l chunk-size -d 'Cut the files added into chunks of at most this many tokens (100 to 4096; what the API chooses unasked is 800)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l chunk-overlap -d 'Tokens each chunk shares with the one before, at most half of --chunk-size [default: 400, or half of --chunk-size if less]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l delete -d 'Remove files of the store that are no longer in the folders'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l allow-empty -d 'With --delete, let folders that hold no file empty the store (refused otherwise)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l dry-run -d 'Print the plan and change nothing'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l hidden -d 'In folders, take hidden files and folders too'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -s L -l follow -d 'Follow symbolic links in folders (by default they are skipped, as ripgrep does)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l keep-files -d 'Keep the file objects of versions taken out of the store (they are deleted otherwise)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -s q -l quiet -d 'Print no progress on stderr'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l no-wait -d 'Return once the files are uploaded, without waiting until they are searchable'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from sync" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l with-files -d 'Also delete the file objects'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l dry-run -d 'Print the files it would take out and change nothing'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm-file" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l name -d 'The store\'s new name' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l expires-after -d 'Have the server delete the store once it has gone this many days unused, counted from now (1 to 365)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l no-expiry -d 'Keep the store until it is deleted'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l filter -d 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l max-results -d 'At most this many chunks (1 to 50) [default: the server\'s, 10 on OpenAI]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l score-threshold -d 'Only chunks scoring at least this (0 to 1)' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l rewrite-query -d 'Let the server rewrite the query for vector search'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from search" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l with-files -d 'Also delete the uploaded files the store holds'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l dry-run -d 'Print what it would delete and change nothing'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "create" -d 'Upload files into a new vector store, wait until they are searchable, print its id'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "add" -d 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "sync" -d 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "rm-file" -d 'Take files out of a store, by path or file id'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "update" -d 'Rename a store, or set, move or end its expiry; prints its row as show does'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "search" -d 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a store and its files with their processing status'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "list" -d 'List stores, newest first'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Delete a store (and, with --with-files, the files in it)'
complete -c asst -n "__fish_asst_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -f -a "wait" -d 'Stream a background response to its end, rendered as \'ask\' renders it'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -f -a "show" -d 'Print a response\'s stored answer and its status, without waiting'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -f -a "cancel" -d 'Cancel a background response'
complete -c asst -n "__fish_asst_using_subcommand response; and not __fish_seen_subcommand_from wait show cancel help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l after -d 'Stream only the events after this sequence number' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l no-citations -d 'Print no [n] markers and no source list'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from wait" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l no-citations -d 'Print no [n] markers and no source list'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Stream a background response to its end, rendered as \'ask\' renders it'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a response\'s stored answer and its status, without waiting'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a background response'
complete -c asst -n "__fish_asst_using_subcommand response; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s o -l output -d 'Append the results to this file, flushed one by one; a rerun skips the ids it answered' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s j -l jobs -d 'Questions in flight at once' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l via -d 'Where the questions are answered: here, N at a time, or by the provider\'s Batch API (half the price, within 24 hours)' -r -f -a "direct\t'Ask here, a few questions at a time'
batch-api\t'Upload them as one Batch API job (POST /batches, completion window 24h)'"
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l model -d 'Model, or deployment name on Azure [default: gpt-4o-mini on OpenAI]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l instructions -d 'System instructions sent with the question' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l vector-store -d 'Search this vector store (repeatable; the env variable takes a comma-separated list)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l assistant -d 'Answer with this assistant (selects the Assistants API)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l filter -d 'Search only files whose attributes match (repeatable, all must hold): key=value, key!=value, key<n, key<=n, key>n, key>=n, key in a,b, key not in a,b (Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l max-results -d 'At most this many search results (1 to 50; Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l score-threshold -d 'Only results scoring at least this (0 to 1; Responses)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l schema -d 'Answer with JSON that follows this JSON schema (a strict structured output; Responses); text mode prints the JSON alone' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s m -l metadata -d 'Attach metadata to the response or run (repeatable)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l max-output-tokens -d 'The most tokens the answer may take, reasoning included (at least 16; Assistants: max_completion_tokens, at least 256); past it the answer is incomplete (exit 8)' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l reasoning-effort -d 'How much a reasoning model reasons before it answers (Responses)' -r -f -a "none\t''
minimal\t''
low\t''
medium\t''
high\t''
xhigh\t''
max\t''"
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l temperature -d 'Sampling temperature, from 0 (focused) to 2 (varied); reasoning models take none' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l dry-run -d 'Check every line and print the request each question would be, as JSON lines; send nothing and read no key (with --output, what it answered already is left out)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l no-citations -d 'Print no [n] markers and no source list'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s q -l quiet -d 'Print no notices about settings that have no effect (batch: and no progress line)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -a "status" -d 'Show a Batch API job\'s status and request counts'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -a "results" -d 'Write a finished Batch API job\'s results as result lines'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -a "cancel" -d 'Cancel a Batch API job (what it finished stays in its results)'
complete -c asst -n "__fish_asst_using_subcommand batch; and not __fish_seen_subcommand_from status results cancel help" -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -s o -l output -d 'Append the results to this file; ids it already has are skipped' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l no-citations -d 'Print no [n] markers in the texts'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from results" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from cancel" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show a Batch API job\'s status and request counts'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "results" -d 'Write a finished Batch API job\'s results as result lines'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a Batch API job (what it finished stays in its results)'
complete -c asst -n "__fish_asst_using_subcommand batch; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand config" -s p -l profile -d 'Use this profile from the config file' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l config -d 'Read profiles from this file [default: $XDG_CONFIG_HOME/asst/config.toml]' -r -F
complete -c asst -n "__fish_asst_using_subcommand config" -l provider -d 'Which provider to talk to [default: azure when AZURE_OPENAI_ENDPOINT is set, else openai]' -r -f -a "openai\t''
azure\t''"
complete -c asst -n "__fish_asst_using_subcommand config" -l api -d 'Which API generation to use for new threads [default: assistants when an assistant id is set, else responses]; an existing thread\'s id decides for itself' -r -f -a "responses\t'Responses + Conversations (current)'
assistants\t'Assistants v2 (legacy; OpenAI and Azure retired it, compatible servers serve it)'"
complete -c asst -n "__fish_asst_using_subcommand config" -l base-url -d 'OpenAI-compatible base URL [default: https://api.openai.com/v1]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l endpoint -d 'Azure OpenAI resource endpoint, e.g. https://NAME.openai.azure.com' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l api-version -d 'Azure api-version for the Assistants API [default: 2025-04-01-preview]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l max-retries -d 'Retries for a request that failed before its answer started [default: 2]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l busy-wait -d 'Seconds to keep retrying while another run holds the thread [default: 10]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l idle-timeout -d 'Seconds a response may stay silent (or take to start) before asst gives up [default: 300]' -r
complete -c asst -n "__fish_asst_using_subcommand config" -l json -d 'Print JSON lines instead of text (see the README for the schema)'
complete -c asst -n "__fish_asst_using_subcommand config" -l no-history -d 'Record nothing in the thread registry (env ASST_HISTORY=0, profile history = false)'
complete -c asst -n "__fish_asst_using_subcommand config" -l verbose -d 'Say each request on stderr as it is answered: method, URL, status, time, request id (env ASST_VERBOSE=1); never a header or a body'
complete -c asst -n "__fish_asst_using_subcommand config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c asst -n "__fish_asst_using_subcommand config" -s V -l version -d 'Print version'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "thread" -d 'Create and inspect threads (conversations)'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "ask" -d 'Ask a question and stream the answer to stdout'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "store" -d 'Set up and inspect vector stores, which file search reads'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "response" -d 'Wait for, show or cancel a response (background answers, \'ask --detach\')'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "batch" -d 'Ask many questions: a few at a time, paced against rate limits, resumable; or through the provider\'s Batch API'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "config" -d 'Show the settings the next command would use, and where each one comes from'
complete -c asst -n "__fish_asst_using_subcommand help; and not __fish_seen_subcommand_from thread ask store response batch config help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from thread" -f -a "new" -d 'Create a thread and print its id'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from thread" -f -a "show" -d 'Print a thread\'s whole transcript, oldest message first'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from thread" -f -a "list" -d 'List the threads asst created or used, newest first (from its registry)'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from thread" -f -a "name" -d 'Give a thread a name, to use wherever a thread id is taken'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from thread" -f -a "rm" -d 'Delete threads on the server and forget them'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "create" -d 'Upload files into a new vector store, wait until they are searchable, print its id'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "add" -d 'Upload files into a store: new ones added, changed ones replaced, unchanged ones skipped'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "sync" -d 'Make a store mirror folders: new files added, changed ones replaced, unchanged ones left, and with --delete files no longer there removed'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "rm-file" -d 'Take files out of a store, by path or file id'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "update" -d 'Rename a store, or set, move or end its expiry; prints its row as show does'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "search" -d 'Search a store as file search would, without a model: the chunks a question retrieves, best first'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "show" -d 'Show a store and its files with their processing status'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "list" -d 'List stores, newest first'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "rm" -d 'Delete a store (and, with --with-files, the files in it)'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from response" -f -a "wait" -d 'Stream a background response to its end, rendered as \'ask\' renders it'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from response" -f -a "show" -d 'Print a response\'s stored answer and its status, without waiting'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from response" -f -a "cancel" -d 'Cancel a background response'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "status" -d 'Show a Batch API job\'s status and request counts'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "results" -d 'Write a finished Batch API job\'s results as result lines'
complete -c asst -n "__fish_asst_using_subcommand help; and __fish_seen_subcommand_from batch" -f -a "cancel" -d 'Cancel a Batch API job (what it finished stays in its results)'
