"""Start the argmap desktop app (on the seed map when no file is given).

python main.py [FILE] [--screenshot PATH]
"""

from argmap.ui.app import main

if __name__ == "__main__":
    main()
